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

    /// <summary>
    /// Host names clients use to reach this server (<c>mcp.example.com</c>, or <c>*.example.com</c> for any
    /// subdomain), without scheme or port. Requests naming another host are refused everywhere but the health
    /// endpoints: under DNS rebinding an attacker's page reaches the server with the attacker's host name.
    /// The loopback names are allowed as well when the server listens on a loopback address, and so is the host
    /// of <c>Auth:ProtectedResource:Resource</c>.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR blocks, e.g. the VPC of the load balancer) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Empty: the headers are ignored and the
    /// peer address is the client.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Requests per minute for one authenticated principal.</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute for one client address before its token is known to be valid.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;
}
