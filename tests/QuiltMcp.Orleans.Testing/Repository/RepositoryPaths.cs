namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeDirectory => Path.Combine(Root, "tests", "node");

    public static string NodeModules => Path.Combine(NodeDirectory, "node_modules");

    /// <summary>The built server, src/Silo/bin/&lt;configuration&gt;/&lt;framework&gt;/quilt-mcp.dll, built like the running tests.</summary>
    public static string ServerAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(Root, "src", "Silo", "bin", configuration, framework.Name, "quilt-mcp.dll");
        }
    }

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
