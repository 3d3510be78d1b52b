namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>
/// Which GC a server process really runs, read from its thread names (Linux <c>/proc/&lt;pid&gt;/task/*/comm</c>):
/// server GC has one ".NET Server GC" thread per heap, workstation GC none. Proves that a variant's environment took
/// effect (a runtimeconfig or an inherited variable could otherwise override it unnoticed).
/// </summary>
public static class GcModeProbe
{
    private const string ServerGcThread = ".NET Server GC";

    /// <returns>"server (N heaps)", "workstation", or null where /proc cannot be read.</returns>
    public static string? Describe(int processId)
    {
        var tasks = Path.Combine("/proc", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "task");
        try
        {
            var heaps = Directory.EnumerateDirectories(tasks)
                .Count(task => ReadName(Path.Combine(task, "comm")) == ServerGcThread);
            return heaps > 0 ? $"server ({heaps} heaps)" : "workstation";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadName(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The thread ended between listing and reading.
            return null;
        }
    }
}
