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

    /// <summary>The longest the whole shutdown (drain, in-flight requests, silo leave) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
