using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Tokens;

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
        IOptionsMonitor<ProtectedResourceOptions> resource,
        IOptions<AuthOptions> auth,
        IOptions<ServerOptions> server)
    {
        var metadata = new ProtectedResourceMetadata
        {
            Resource = locator.Resource(request).ToString(),
            AuthorizationServers = AuthorizationServers(resource.CurrentValue, auth.Value, server.Value),
            ScopesSupported = [.. policy.SupportedScopes()],
            BearerMethodsSupported = ["header"],
            ResourceName = resource.CurrentValue.ResourceName,
        };
        return Results.Json(metadata, McpJsonUtilities.DefaultOptions);
    }

    private static List<string> AuthorizationServers(ProtectedResourceOptions resource, AuthOptions auth, ServerOptions server)
    {
        if (resource.AuthorizationServers.Count > 0)
        {
            return resource.AuthorizationServers;
        }

        var servers = auth.OidcIssuers.Select(issuer => issuer.Issuer).Where(issuer => issuer.Length > 0).ToList();
        if (!string.IsNullOrWhiteSpace(server.CatalogUrl))
        {
            servers.Add(server.CatalogUrl);
        }

        return servers.Distinct(StringComparer.Ordinal).ToList();
    }
}
