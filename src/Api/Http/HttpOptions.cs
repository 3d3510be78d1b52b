namespace QuiltMcp.Orleans.Api.Http;

/// <summary>The <c>Http</c> section: protections around the MCP endpoint.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>Larger request bodies are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Browser origins allowed to call <c>/mcp</c> (the Quilt catalog's). Requests from other origins are
    /// refused (DNS-rebinding protection, an MCP requirement for HTTP servers), and CORS is granted to these only.
    /// Requests without an Origin header (non-browser clients) are not affected.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Requests per minute for one authenticated principal.</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute for one client address before it authenticates.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;
}
