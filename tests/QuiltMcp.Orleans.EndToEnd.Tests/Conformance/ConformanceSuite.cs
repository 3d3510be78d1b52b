using System.Diagnostics;
using System.Text.Json;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Conformance;

/// <summary>
/// The official MCP conformance suite (npm <c>@modelcontextprotocol/conformance</c>) run as its CLI does it:
/// <c>conformance server --url … --scenario … --output-dir …</c>, on Node 22 (<see cref="RecentNode"/>).
/// </summary>
public static class ConformanceSuite
{
    /// <summary>Runs one server scenario against <paramref name="url"/> and returns its checks as the suite saved them.</summary>
    public static async Task<ConformanceRun> RunServerScenarioAsync(Uri url, string scenario)
    {
        var node = await RecentNode.ExecutableAsync("The conformance suite");
        var cli = RecentNode.BinScript("@modelcontextprotocol/conformance", "conformance");

        var output = Directory.CreateTempSubdirectory("mcp-conformance-");
        try
        {
            var start = new ProcessStartInfo(node)
            {
                WorkingDirectory = RepositoryPaths.NodeDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(cli);
            foreach (var argument in new[] { "server", "--url", url.ToString(), "--scenario", scenario, "--output-dir", output.FullName })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var log = await stdout + await stderr;

            var saved = Directory.GetFiles(output.FullName, "checks.json", SearchOption.AllDirectories);
            if (saved.Length != 1)
            {
                throw new InvalidOperationException($"conformance wrote {saved.Length} checks.json files (exit {process.ExitCode}): {log}");
            }

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(saved[0]));
            var checks = document.RootElement.EnumerateArray()
                .Select(check => new ConformanceCheck(
                    check.GetProperty("id").GetString()!,
                    check.GetProperty("status").GetString()!,
                    check.TryGetProperty("errorMessage", out var error) ? error.GetString() : null))
                .ToList();
            return new ConformanceRun(process.ExitCode, checks, log);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
