namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>The knobs of a load run; the same values are used for quilt-mcp and the baseline.</summary>
public sealed record LoadSettings
{
    public int Sessions { get; init; } = 64;
    public int Concurrency { get; init; } = 32;
    public int Principals { get; init; } = 100;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Unrecorded load before a tools/call measurement. Both servers are still tiering up (JIT) for the first
    /// 15-30 s under load; 30 s measures both at steady state. <c>tools-call-cold</c> reports the first seconds.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unrecorded opening before the session-open measurement; short, because every opened session stays open.</summary>
    public TimeSpan OpenWarmup { get; init; } = TimeSpan.FromSeconds(5);
    public long MaxRequests { get; init; } = 5_000_000;
    public string Tool { get; init; } = "auth_status";
    public string ArgumentsJson { get; init; } = "{}";

    /// <summary>2026-07-28 clients (no session, every request names its principal) instead of initialize clients.</summary>
    public bool Stateless { get; init; }

    /// <summary>Secret the bearer tokens are signed with; quilt-mcp must be started with the same one.</summary>
    public string TokenSecret { get; init; } = Hosting.BenchServerStarter.JwtSecret;

    public string Mode => Stateless ? "stateless" : "session";
}
