namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>The <c>Sessions</c> section: how many MCP sessions one silo keeps in memory, and how long a request waits for their store.</summary>
public sealed class McpSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// Idle sessions kept in memory per silo. Beyond it the oldest idle session is closed; its next request
    /// rebuilds it from the session grain, so the cap bounds memory without losing sessions.
    /// </summary>
    public int MaxIdleSessionCount { get; set; } = 1000;

    /// <summary>A session with no request for this long is closed (and later rebuilt on demand).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// The longest a request waits for a session's grain (and its durable storage): at initialize, when a session is
    /// rebuilt on another process, and at DELETE. Past it, or when the grain call fails, the request gets 503 with
    /// <c>Retry-After</c> (see <see cref="SessionStoreGuard"/>). Requests on a session this process holds never wait for it.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
