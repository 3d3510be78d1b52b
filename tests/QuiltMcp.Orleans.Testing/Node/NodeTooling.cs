using System.Diagnostics;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Installs the npm packages the tests run (dynalite, s3rver, jose, the MCP TypeScript client…) from the lockfile
/// whenever <c>node_modules</c> does not hold what the lockfile asks for: on a fresh clone, and after the lockfile
/// changed under an existing tree. Checked once per test process, under a lock shared by all test processes.
/// </summary>
public static class NodeTooling
{
    /// <summary>How long to wait for another process's install (the AWS CDK CLI alone takes a while on a slow link).</summary>
    private static readonly TimeSpan InstallWait = TimeSpan.FromMinutes(15);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _checked;

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_checked)
            {
                await InstallIfOutdatedAsync(RepositoryPaths.NodeDirectory, RunNpmCiAsync);
                _checked = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="install"/> in <paramref name="nodeDirectory"/> unless its <c>node_modules</c> already
    /// matches the lockfile, deciding under <see cref="NpmInstallLock"/>: whoever waited for another install finds
    /// the tree up to date and installs nothing.
    /// </summary>
    /// <returns>Whether <paramref name="install"/> ran.</returns>
    public static async Task<bool> InstallIfOutdatedAsync(string nodeDirectory, Func<string, Task> install)
    {
        using var installLock = await NpmInstallLock.AcquireAsync(nodeDirectory, InstallWait);
        if (NpmInstalledTree.MatchesLockfile(nodeDirectory))
        {
            return false;
        }

        await install(nodeDirectory);
        if (!NpmInstalledTree.MatchesLockfile(nodeDirectory))
        {
            // Installing again would not help: every test process would reinstall, and still disagree.
            throw new InvalidOperationException(
                $"After installing, {NpmInstalledTree.InstalledRecordPath(nodeDirectory)} still disagrees with {NpmInstalledTree.LockfilePath(nodeDirectory)}.");
        }

        return true;
    }

    private static async Task RunNpmCiAsync(string nodeDirectory)
    {
        var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = nodeDirectory,
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
    }
}
