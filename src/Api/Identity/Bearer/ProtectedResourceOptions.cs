namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// The <c>Auth:ProtectedResource</c> section: what the RFC 9728 document and 401 challenges tell clients about
/// this server, so they can start their OAuth flow.
/// </summary>
public sealed class ProtectedResourceOptions
{
    public const string SectionName = "Auth:ProtectedResource";

    /// <summary>
    /// The exact public URL of the MCP endpoint (for example <c>https://mcp.example.com/mcp</c> behind an ALB).
    /// Without it the URL is derived from the request, which is right only when clients reach the server directly.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>The authorization servers clients should use; defaults to the configured OIDC issuers and the catalog.</summary>
    public List<string> AuthorizationServers { get; set; } = [];

    public string ResourceName { get; set; } = "Quilt MCP server";
}
