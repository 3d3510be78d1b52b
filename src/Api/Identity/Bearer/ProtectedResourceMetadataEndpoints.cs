using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;
using QuiltMcp.Orleans.Api.Access;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Serves the RFC 9728 protected resource metadata at the well-known path and at its path-suffixed form for
/// <c>/mcp</c>, using the MCP SDK's document type. Public: clients read it before they have a token.
/// </summary>
public static class ProtectedResourceMetadataEndpoints
{
    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(McpBearerDefaults.ResourceMetadataPath, Serve).ExcludeFromDescription();
        endpoints.MapGet(McpBearerDefaults.ResourceMetadataPath + "/{**resource}", Serve).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(
        HttpRequest request,
        ResourceMetadataLocator locator,
        ToolAccessPolicy policy,
        AuthorizationServerList authorizationServers,
        IOptionsMonitor<ProtectedResourceOptions> resource)
    {
        var metadata = new ProtectedResourceMetadata
        {
            Resource = locator.Resource(request).ToString(),
            AuthorizationServers = authorizationServers.Current(),
            ScopesSupported = [.. policy.SupportedScopes()],
            BearerMethodsSupported = ["header"],
            ResourceName = resource.CurrentValue.ResourceName,
        };
        return Results.Json(metadata, McpJsonUtilities.DefaultOptions);
    }
}
