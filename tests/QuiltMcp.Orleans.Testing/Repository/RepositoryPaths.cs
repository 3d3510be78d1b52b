namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeDirectory => Path.Combine(Root, "tests", "node");

    public static string NodeModules => Path.Combine(NodeDirectory, "node_modules");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "QuiltMcp.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"QuiltMcp.Orleans.sln not found above {AppContext.BaseDirectory}.");
    }
}
