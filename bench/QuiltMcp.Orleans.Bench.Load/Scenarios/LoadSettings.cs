namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>The knobs of a load run; the same values are used for quilt-mcp and the baseline.</summary>
public sealed record LoadSettings
{
    public int Sessions { get; init; } = 64;
    public int Concurrency { get; init; } = 32;
    public int Principals { get; init; } = 100;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public long MaxRequests { get; init; } = 5_000_000;
    public string Tool { get; init; } = "auth_status";
    public string ArgumentsJson { get; init; } = "{}";

    /// <summary>2026-07-28 clients (no session, every request names its principal) instead of initialize clients.</summary>
    public bool Stateless { get; init; }

    /// <summary>Secret the bearer tokens are signed with; quilt-mcp must be started with the same one.</summary>
    public string TokenSecret { get; init; } = Hosting.ServerLauncher.JwtSecret;

    public string Mode => Stateless ? "stateless" : "session";
}
