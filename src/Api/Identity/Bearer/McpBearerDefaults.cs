namespace QuiltMcp.Orleans.Api.Identity.Bearer;

public static class McpBearerDefaults
{
    /// <summary>The authentication scheme that validates bearer JWTs on the MCP endpoint.</summary>
    public const string AuthenticationScheme = "QuiltBearer";

    /// <summary>The authorization policy the MCP endpoint requires.</summary>
    public const string McpPolicy = "quilt-mcp";

    /// <summary>
    /// The policy of a development server that lets token-less callers in (<c>Auth:AllowAnonymous</c>): a request
    /// without an Authorization header passes as anonymous, one with a header must authenticate.
    /// </summary>
    public const string McpAnonymousAllowedPolicy = "quilt-mcp-anonymous-allowed";

    /// <summary>Where the path-suffixed RFC 9728 document for <c>/mcp</c> is served.</summary>
    public const string ResourceMetadataPath = "/.well-known/oauth-protected-resource";
}
