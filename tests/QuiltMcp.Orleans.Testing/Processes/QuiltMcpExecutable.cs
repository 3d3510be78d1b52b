namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>The built server. The kit references the Silo project, so quilt-mcp.dll sits next to every test assembly.</summary>
public static class QuiltMcpExecutable
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "quilt-mcp.dll");
}
