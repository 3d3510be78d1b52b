using System.Diagnostics;
using System.Text.Json;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Runs one of the scripts in tests/node (which drive real npm clients such as the official MCP TypeScript SDK) with the
/// node on PATH, after making sure its packages are installed.
/// </summary>
public static class NodeScript
{
    /// <summary>A bound on a script that hangs, not an expectation of speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    /// <summary>The script's standard output, once it has exited 0; otherwise the test fails with its standard error.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var (exitCode, output, error) = await RunRawAsync(script, arguments, environment, timeout);
        return exitCode == 0 ? output : throw new InvalidOperationException($"node {script} exited {exitCode}: {error}");
    }

    /// <summary>The one JSON line the script printed last, once it has exited 0.</summary>
    public static async Task<JsonElement> LastJsonLineAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var output = await RunAsync(script, arguments, environment.ToDictionary());
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"node {script} printed nothing.");
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunRawAsync(
        string script, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await NodeTooling.EnsureInstalledAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.NodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? HangGuard);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in time: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
