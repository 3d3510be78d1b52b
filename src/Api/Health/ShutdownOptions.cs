namespace QuiltMcp.Orleans.Api.Health;

/// <summary>The <c>Shutdown</c> section: how the server leaves when it receives SIGTERM.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long <c>/ready</c> reports 503 while the server still accepts requests, so the load balancer stops
    /// sending new work before the listener closes.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a stop signal's drain (<see cref="DrainDelay"/>, then requests in flight) may take, and, once it is over,
    /// the longest the host's own stop (MCP sessions, Kestrel, the silo leaving its cluster) may take: the host's
    /// shutdown timeout is this value too. The container's stop timeout must leave room for both in practice; the
    /// host's stop took about a second in every measured stop.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
