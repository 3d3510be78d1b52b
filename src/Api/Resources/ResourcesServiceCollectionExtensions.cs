using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Resources;

public static class ResourcesServiceCollectionExtensions
{
    /// <summary>
    /// The MCP resources (<see cref="QuiltResources"/>), the handlers behind them and their filters: a read is refused
    /// at the message level when its URI, scopes or bucket grants do not allow it (<see cref="ResourceReadRequestCheck"/>);
    /// the request filters run after the caller is established (<see cref="McpCallerFilters"/>): the error filter for
    /// failures of the read itself, then the scope filters of the lists.
    /// <c>resources/list</c> lists package summaries (<see cref="PackageResourceLister"/>), and a URI the SDK's template
    /// matcher does not recognise (a raw <c>&amp;</c> in a key, an extra <c>&amp;catalog=</c>) still reaches the reader,
    /// which parses it by the same rules as every other.
    /// </summary>
    public static IMcpServerBuilder WithQuiltResources(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ResourceReader>();
        builder.Services.AddScoped<PackageResourceLister>();
        return builder
            .WithMessageFilters(ResourceReadRequestCheck.Add)
            .WithMessageFilters(ResourceListRequestCheck.Add)
            .WithRequestFilters(ResourceErrorFilter.Add)
            .WithRequestFilters(ResourceAuthorizationFilters.Add)
            .WithListResourcesHandler(async (request, cancellationToken) => await request.Services!.GetRequiredService<PackageResourceLister>()
                .ListAsync(request.Services!.GetRequiredService<Caller>(), request.Params?.Cursor, cancellationToken))
            .WithReadResourceHandler(async (request, cancellationToken) => await request.Services!.GetRequiredService<ResourceReader>()
                .ReadAsync(request.Services!.GetRequiredService<Caller>(), request.Params?.Uri, cancellationToken))
            .WithQuiltResourceType<QuiltResources>();
    }

    /// <summary>
    /// The SDK's <c>WithResources&lt;T&gt;</c>, except for one thing: a template whose attribute names no MIME type keeps
    /// none, where the SDK would announce <c>application/octet-stream</c>; an S3 object or package file has the type of
    /// whatever it is, which its contents carry.
    /// </summary>
    private static IMcpServerBuilder WithQuiltResourceType<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] TResourceType>(this IMcpServerBuilder builder)
    {
        foreach (var method in typeof(TResourceType).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<McpServerResourceAttribute>() is not { } attribute)
            {
                continue;
            }

            builder.Services.AddSingleton(services =>
            {
                var resource = McpServerResource.Create(
                    method,
                    request => ActivatorUtilities.CreateInstance(request.Services!, typeof(TResourceType)),
                    new McpServerResourceCreateOptions { Services = services });
                if (attribute.MimeType is null)
                {
                    resource.ProtocolResourceTemplate.MimeType = null;
                }

                return resource;
            });
        }

        return builder;
    }
}
