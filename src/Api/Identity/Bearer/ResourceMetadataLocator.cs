using QuiltMcp.Orleans.Api.Hosting;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Knows the public URL of the MCP endpoint and of its protected resource metadata document. A configured
/// <see cref="ProtectedResourceOptions.Resource"/> wins; otherwise the request's scheme and host are used.
/// </summary>
public sealed class ResourceMetadataLocator(IOptionsMonitor<ProtectedResourceOptions> options)
{
    public Uri Resource(HttpRequest request) =>
        options.CurrentValue.Resource is { Length: > 0 } configured
            ? new Uri(configured)
            : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{QuiltMcpServiceCollectionExtensions.McpPath}");

    /// <summary>The RFC 9728 path-suffixed form: the well-known prefix followed by the resource's path.</summary>
    public Uri MetadataUrl(HttpRequest request)
    {
        var resource = Resource(request);
        var path = resource.AbsolutePath.TrimEnd('/');
        return new Uri($"{resource.Scheme}://{resource.Authority}{McpBearerDefaults.ResourceMetadataPath}{path}");
    }
}
