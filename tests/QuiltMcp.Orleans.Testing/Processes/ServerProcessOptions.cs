using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>What to run and how; the ports are the launcher's business (see <see cref="ServerProcess"/>).</summary>
public sealed record ServerProcessOptions
{
    /// <summary>The server assembly run with <c>dotnet</c>: quilt-mcp by default, or the benchmark's baseline.</summary>
    public string Assembly { get; init; } = QuiltMcpExecutable.Path;

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Variables set for the child; a null value removes one the child would otherwise inherit.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public ProcessTransport Transport { get; init; } = ProcessTransport.Http;

    /// <summary>The loopback address the HTTP listener binds (port 0 on it).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Whether the server hosts an Orleans silo, whose port the launcher must pick (the baseline has none).</summary>
    public bool HasSilo { get; init; } = true;

    /// <summary>Picks the silo port for each start attempt (tests of the launcher hand it a port they hold).</summary>
    public Func<int> PickSiloPort { get; init; } = FreePort.Next;

    /// <summary>Defaults to the assembly's folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Keep only the newest this many output lines per stream (a long benchmark run); null keeps them all.</summary>
    public int? KeptOutputLines { get; init; }

    /// <summary>A bound on a start that never completes, not an expectation of speed.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often <c>/ready</c> is asked while the server starts (the benchmark asks more often, to time it).</summary>
    public TimeSpan ReadyPollInterval { get; init; } = Eventually.PollInterval;

    /// <summary>On dispose, how long a SIGTERM gets before the process is killed; zero kills at once.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.Zero;
}
