using System.Globalization;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>Resident set size of a process, from /proc (Linux): what the operating system actually charges it.</summary>
public static class ProcessMemory
{
    /// <returns>VmRSS in KiB, or null when the process is gone or /proc is unavailable.</returns>
    public static long? ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var digits = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
