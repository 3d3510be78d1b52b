using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// The authorization servers the RFC 9728 document names: <c>Auth:ProtectedResource:AuthorizationServers</c> when set,
/// else the trusted OIDC issuers and the Quilt catalog (<c>QUILT_CATALOG_URL</c>). Quilt tokens signed with a shared
/// key (and the development key) come from no authorization server a client could sign in at, so they add none.
/// </summary>
public sealed class AuthorizationServerList(
    IOptionsMonitor<ProtectedResourceOptions> resource,
    IOptions<AuthOptions> auth,
    IOptions<ServerOptions> server)
{
    /// <summary>The settings that fill the list, for messages.</summary>
    public const string Settings = "Auth:OidcIssuers, QUILT_CATALOG_URL (Server:CatalogUrl) or Auth:ProtectedResource:AuthorizationServers";

    public List<string> Current()
    {
        if (resource.CurrentValue.AuthorizationServers.Count > 0)
        {
            return [.. resource.CurrentValue.AuthorizationServers];
        }

        var servers = auth.Value.OidcIssuers.Select(issuer => issuer.Issuer).Where(issuer => issuer.Length > 0).ToList();
        if (!string.IsNullOrWhiteSpace(server.Value.CatalogUrl))
        {
            servers.Add(server.Value.CatalogUrl);
        }

        return servers.Distinct(StringComparer.Ordinal).ToList();
    }
}
