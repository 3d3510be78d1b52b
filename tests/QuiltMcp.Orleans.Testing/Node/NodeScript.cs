using System.Diagnostics;
using System.Text.Json;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Runs one of the repository's Node scripts (tests/node/*.mjs, which drive real npm clients such as the official MCP
/// TypeScript SDK) and reads the one JSON line it prints last on stdout.
/// </summary>
public static class NodeScript
{
    /// <summary>A bound on a script that hangs, not an expectation of speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="script"/> with these extra environment variables and arguments; fails unless it exits 0.</summary>
    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
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

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {HangGuard}: {await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {await error}");
        }

        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"node {script} printed nothing: {await error}");
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }
}
