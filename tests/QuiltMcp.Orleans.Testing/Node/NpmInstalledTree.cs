using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>
/// Whether <c>node_modules</c> holds exactly what <c>package-lock.json</c> asks for, judged from the record npm keeps
/// of what it installed (<c>node_modules/.package-lock.json</c>, written at the end of every install): the same
/// packages at the same version, source and integrity. A lockfile that gains, drops or moves a package disagrees;
/// an optional package left out (one for another operating system) does not. Each recorded package must also still
/// be on disk: npm's record does not notice a package folder deleted by hand.
/// </summary>
public static class NpmInstalledTree
{
    /// <summary>The fields that say which bytes a package entry installs; flags such as <c>dev</c> do not.</summary>
    private static readonly string[] IdentityFields = ["version", "resolved", "integrity", "link"];

    public static string LockfilePath(string nodeDirectory) => Path.Combine(nodeDirectory, "package-lock.json");

    public static string InstalledRecordPath(string nodeDirectory) => Path.Combine(nodeDirectory, "node_modules", ".package-lock.json");

    /// <returns>False when anything differs, when nothing was installed, and when an install stopped half way.</returns>
    public static bool MatchesLockfile(string nodeDirectory)
    {
        var installedPath = InstalledRecordPath(nodeDirectory);
        if (!File.Exists(installedPath))
        {
            return false;
        }

        var wanted = Packages(LockfilePath(nodeDirectory));
        var installed = Packages(installedPath);
        if (wanted is null || installed is null)
        {
            return false;
        }

        // "" is the project itself, which the lockfile describes and npm does not install.
        foreach (var (path, entry) in wanted.Where(package => package.Key.Length > 0))
        {
            if (installed[path] is not JsonObject present)
            {
                if (entry?["optional"]?.GetValue<bool>() == true)
                {
                    continue;
                }

                return false;
            }

            if (IdentityFields.Any(field => !JsonNode.DeepEquals(entry?[field], present[field])))
            {
                return false;
            }
        }

        return installed.All(package => wanted.ContainsKey(package.Key) && Directory.Exists(Path.Combine(nodeDirectory, package.Key)));
    }

    private static JsonObject? Packages(string lockfile)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(lockfile))?["packages"] as JsonObject;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException)
        {
            // An unreadable record (a crash mid-write) means the tree cannot be trusted.
            return null;
        }
    }
}
