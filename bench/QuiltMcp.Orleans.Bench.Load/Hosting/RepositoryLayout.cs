namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>Where the built servers and the npm test tools live, found from the repository root.</summary>
public sealed class RepositoryLayout
{
    private RepositoryLayout(string root) => Root = root;

    public string Root { get; }

    /// <summary>quilt-mcp as built by <c>dotnet build src/Silo -c Release</c>.</summary>
    public string OursAssembly => Path.Combine(Root, "src", "Silo", "bin", "Release", "net10.0", "quilt-mcp.dll");

    public string BaselineAssembly => Path.Combine(
        Root, "bench", "QuiltMcp.Orleans.Bench.Baseline", "bin", "Release", "net10.0", "QuiltMcp.Orleans.Bench.Baseline.dll");

    /// <summary>Walks up from the working directory, then from this assembly, to the folder holding the solution file.</summary>
    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "QuiltMcp.Orleans.sln")))
                {
                    return new RepositoryLayout(directory.FullName);
                }
            }
        }

        throw new InvalidOperationException("QuiltMcp.Orleans.sln not found above the working directory; run from the repository.");
    }
}
