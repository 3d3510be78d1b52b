using System.Security.Cryptography;
using System.Text;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// An exclusive lock on installing one <c>tests/node</c> folder, held by every test process that checks or installs
/// it, so two test projects started together never run <c>npm ci</c> into the same <c>node_modules</c>, and neither
/// reads the tree while the other replaces it.
/// </summary>
/// <remarks>
/// The lock is an open file with <see cref="FileShare.None"/>, which .NET takes as an advisory <c>flock</c> on Unix
/// and a share lock on Windows: the operating system releases it when the holder exits, even by a crash, so a killed
/// test run leaves nothing to clean up. The file lives in the temp folder, keyed by the folder's path: inside
/// <c>node_modules</c> <c>npm ci</c> would delete it, and next to the lockfile it would show in <c>git status</c>.
/// </remarks>
public sealed class NpmInstallLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _file;

    private NpmInstallLock(FileStream file) => _file = file;

    public static string PathFor(string nodeDirectory)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(nodeDirectory))))[..16];
        return Path.Combine(Path.GetTempPath(), $"quiltmcp-npm-install-{key}.lock");
    }

    /// <exception cref="TimeoutException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<NpmInstallLock> AcquireAsync(string nodeDirectory, TimeSpan timeout)
    {
        var path = PathFor(nodeDirectory);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new NpmInstallLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another process (or another caller in this one): it is installing or checking.
                await Task.Delay(PollInterval);
            }
            catch (IOException exception)
            {
                throw new TimeoutException($"Another process held {path} for longer than {timeout} while installing {nodeDirectory}.", exception);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
