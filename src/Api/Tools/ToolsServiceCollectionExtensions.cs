using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Resources;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tools.Admin;
using QuiltMcp.Orleans.Api.Tools.Buckets;
using QuiltMcp.Orleans.Api.Tools.Packages;
using QuiltMcp.Orleans.Api.Tools.Packages.Copying;
using QuiltMcp.Orleans.Api.Tools.Search;

namespace QuiltMcp.Orleans.Api.Tools;

public static class ToolsServiceCollectionExtensions
{
    /// <summary>
    /// The MCP server, its filters, its tools and its resources (<see cref="ResourcesServiceCollectionExtensions"/>). A message filter first refuses a malformed tools/call or an unknown
    /// tool (<see cref="ToolCallRequestCheck"/>). The request filters run outermost first: establish the caller,
    /// count the call, turn failures into tool errors, read former argument names, check the tool's scope, check the
    /// arguments against the tool's schema.
    /// </summary>
    public static IMcpServerBuilder AddQuiltTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McpServerOptions>().Configure<IOptions<ServerOptions>>((mcp, server) =>
        {
            mcp.ServerInfo = new Implementation { Name = server.Value.Name, Version = server.Value.EffectiveVersion };
            mcp.ServerInstructions = "Find, read and publish Quilt data (S3 buckets and Quilt packages) on behalf of the "
                + "authenticated user. Start with search_catalog to find data by what it is about, or bucket_list to see which "
                + "buckets you may use; then package_list and package_browse for published datasets, or bucket_objects_list "
                + "for raw files. Read text with "
                + "bucket_object_text and images or small binaries with bucket_object_fetch. When a call is refused, "
                + "auth_status shows your scopes, buckets and AWS role. Clients that attach context can also read s3:// and "
                + "quilt+s3:// URIs as resources.";
        });
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));
        services.AddPackageCopying(configuration);

        return services.AddMcpServer()
            .WithMessageFilters(ToolCallRequestCheck.Add)
            .WithRequestFilters(McpCallerFilters.Add)
            .WithRequestFilters(ToolCallMetricsFilter.Add)
            .WithRequestFilters(ToolErrorFilter.Add)
            .WithRequestFilters(ArgumentAliases.Add)
            .WithRequestFilters(ToolAuthorizationFilters.Add)
            .WithRequestFilters(ToolArgumentCheck.Add)
            .WithQuiltTools<AuthTools>()
            .WithQuiltTools<DocumentTools>()
            .WithQuiltTools<BucketListingTools>()
            .WithQuiltTools<BucketObjectReadTools>()
            .WithQuiltTools<BucketObjectWriteTools>()
            .WithQuiltTools<PackageReadTools>()
            .WithQuiltTools<PackageWriteTools>()
            .WithQuiltTools<CatalogLinkTools>()
            .WithQuiltTools<BucketTabulatorTools>()
            .WithQuiltTools<AdminTools>()
            .WithQuiltTools<SearchTools>()
            .WithQuiltResources();
    }

    /// <summary>
    /// The SDK's <c>WithTools&lt;T&gt;</c>, with the two things it cannot be told: results written by
    /// <see cref="ToolResultJson.Options"/> and schemas written by <see cref="PortableToolSchema"/>. As there, an
    /// instance tool's class is created per call from the request's services.
    /// </summary>
    private static IMcpServerBuilder WithQuiltTools<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] TToolType>(
        this IMcpServerBuilder builder)
    {
        foreach (var method in typeof(TToolType).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is null)
            {
                continue;
            }

            builder.Services.AddSingleton(services =>
            {
                var options = new McpServerToolCreateOptions
                {
                    Services = services,
                    SerializerOptions = ToolResultJson.Options,
                    SchemaCreateOptions = PortableToolSchema.CreateOptions,
                };
                return method.IsStatic
                    ? McpServerTool.Create(method, options: options)
                    : McpServerTool.Create(method, request => ActivatorUtilities.CreateInstance(request.Services!, typeof(TToolType)), options);
            });
        }

        return builder;
    }
}
