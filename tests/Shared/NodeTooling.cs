using System.Diagnostics;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Installs the npm packages the tests run (dynalite, s3rver, the MCP TypeScript client…) from the lockfile
/// on first use, so <c>dotnet test</c> works on a fresh clone.
/// </summary>
public static class NodeTooling
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed || File.Exists(Path.Combine(RepositoryPaths.NodeModules, ".package-lock.json")))
            {
                _installed = true;
                return;
            }

            var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = RepositoryPaths.NodeDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed ({process.ExitCode}): {await output}{await error}");
            }

            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }
}
