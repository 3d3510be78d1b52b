using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tools.Buckets;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Tools;

public static class ToolsServiceCollectionExtensions
{
    /// <summary>
    /// The MCP server, its filters and its tools. A message filter first refuses a malformed tools/call or an unknown
    /// tool (<see cref="ToolCallRequestCheck"/>). The request filters run outermost first: establish the caller,
    /// count the call, turn failures into tool errors, read former argument names, check the tool's scope, check the
    /// arguments against the tool's schema.
    /// </summary>
    public static IMcpServerBuilder AddQuiltTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McpServerOptions>().Configure<IOptions<ServerOptions>>((mcp, server) =>
        {
            mcp.ServerInfo = new Implementation { Name = server.Value.Name, Version = server.Value.EffectiveVersion };
            mcp.ServerInstructions = "Browse Quilt data (S3 buckets and Quilt packages) on behalf of the authenticated user. "
                + "Call auth_status to see how you are authenticated.";
        });
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));

        return services.AddMcpServer()
            .WithMessageFilters(ToolCallRequestCheck.Add)
            .WithRequestFilters(McpCallerFilters.Add)
            .WithRequestFilters(ToolCallMetricsFilter.Add)
            .WithRequestFilters(ToolErrorFilter.Add)
            .WithRequestFilters(ArgumentAliases.Add)
            .WithRequestFilters(ToolAuthorizationFilters.Add)
            .WithRequestFilters(ToolArgumentCheck.Add)
            .WithTools<AuthTools>(ToolResultJson.Options)
            .WithTools<DocumentTools>(ToolResultJson.Options)
            .WithTools<BucketListingTools>(ToolResultJson.Options)
            .WithTools<BucketObjectReadTools>(ToolResultJson.Options)
            .WithTools<BucketObjectWriteTools>(ToolResultJson.Options)
            .WithTools<PackageReadTools>(ToolResultJson.Options)
            .WithTools<PackageWriteTools>(ToolResultJson.Options)
            .WithTools<CatalogLinkTools>(ToolResultJson.Options);
    }
}
