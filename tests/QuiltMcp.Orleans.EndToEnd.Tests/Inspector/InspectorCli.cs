using System.Diagnostics;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Inspector;

/// <summary>The MCP Inspector's command line (npm <c>@modelcontextprotocol/inspector</c>, <c>--cli</c> mode) as a user runs it.</summary>
public static class InspectorCli
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(params string[] arguments)
    {
        var node = await RecentNode.ExecutableAsync("The MCP Inspector");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = RepositoryPaths.NodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RecentNode.BinScript("@modelcontextprotocol/inspector", "mcp-inspector"));
        start.ArgumentList.Add("--cli");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The launcher starts the CLI with the node it runs on; the stdio target (dotnet) is found on PATH.
        start.Environment["PATH"] = Path.GetDirectoryName(node) is { Length: > 0 } folder
            ? folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH")
            : Environment.GetEnvironmentVariable("PATH");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the Inspector CLI did not finish: {await error}");
        }

        return new Run(process.ExitCode, await output, await error);
    }
}
