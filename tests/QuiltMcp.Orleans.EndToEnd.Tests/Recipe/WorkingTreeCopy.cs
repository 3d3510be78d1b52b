using System.Diagnostics;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Recipe;

/// <summary>
/// The repository's working tree as a fresh clone would hold it (tracked and new files, nothing git ignores: no
/// bin, obj or node_modules), copied into a temporary folder, so a test can install and build there as a newcomer
/// would without touching the tree other tests use. Deleted with everything in it on dispose.
/// </summary>
public sealed class WorkingTreeCopy : IDisposable
{
    private WorkingTreeCopy(string root) => Root = root;

    public string Root { get; }

    public static WorkingTreeCopy Create()
    {
        var root = Directory.CreateTempSubdirectory("quilt-mcp-recipe-").FullName;
        foreach (var file in WorkingTreeFiles())
        {
            var source = Path.Combine(RepositoryPaths.Root, file);
            if (!File.Exists(source))
            {
                continue; // Deleted in the working tree but not yet in the index.
            }

            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        return new WorkingTreeCopy(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is the temporary folder's problem, not the test's result.
        }
    }

    private static string[] WorkingTreeFiles()
    {
        var start = new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed ({git.ExitCode}): {error}");
        }

        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
