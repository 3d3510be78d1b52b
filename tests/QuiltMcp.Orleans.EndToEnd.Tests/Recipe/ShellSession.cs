using System.Diagnostics;
using System.Globalization;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Recipe;

/// <summary>
/// A bash script run as the leader of a session of its own (<c>setsid</c>), so every process it starts, background
/// jobs and their children included, can be found afterwards (they share its session id) and killed, however they
/// were started. Disposing kills the whole session and waits until none of it is left.
/// </summary>
public sealed class ShellSession : IAsyncDisposable
{
    private readonly Process _process;

    private ShellSession(Process process)
    {
        _process = process;
        SessionId = process.Id;
    }

    public CapturedLines Output { get; } = new();

    public CapturedLines Error { get; } = new();

    /// <summary>The session id: the shell's own process id, as <c>setsid</c> made it the leader.</summary>
    public int SessionId { get; }

    /// <summary>Runs <c>bash -e <paramref name="scriptPath"/></c> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="environment">Variables to set; a null value removes an inherited one.</param>
    public static ShellSession Start(string scriptPath, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        // --wait keeps setsid's own exit status the script's, should setsid have to fork (it does not when the caller is
        // no process-group leader, as a .NET child is not; then bash runs under setsid's process id).
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "--wait", "bash", "-e", scriptPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("setsid could not be started.");
        var session = new ShellSession(process);
        process.OutputDataReceived += (_, line) => session.Output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => session.Error.Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return session;
    }

    /// <summary>The script's exit code once it has finished; its background jobs may still run.</summary>
    /// <exception cref="TimeoutException">The script is still running after <paramref name="within"/>.</exception>
    public async Task<int> WaitForScriptAsync(TimeSpan within)
    {
        // Not WaitForExitAsync: it also waits for the end of the output streams, which background jobs keep open.
        await Eventually.TrueAsync(() => _process.HasExited, within, "the recipe script finished");
        return _process.ExitCode;
    }

    /// <summary>The processes of the session still running (the leader included until it exits).</summary>
    public IReadOnlyList<int> Members() => ProcessesInSession(SessionId);

    public async ValueTask DisposeAsync()
    {
        // Kill until nothing is left: a process can start a child while its siblings are being killed.
        await Eventually.TrueAsync(() =>
        {
            var members = Members();
            foreach (var pid in members)
            {
                UnixSignal.Kill(pid);
            }

            return members.Count == 0;
        }, TimeSpan.FromSeconds(30), $"every process of session {SessionId} killed");
        _process.Dispose();
    }

    /// <summary>From /proc/&lt;pid&gt;/stat: the session id is the sixth field, counted after the parenthesized name.</summary>
    private static List<int> ProcessesInSession(int sessionId)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state, [1] the parent, [2] the process group, [3] the session. A zombie is already dead.
            if (fields[0] != "Z" && int.Parse(fields[3], CultureInfo.InvariantCulture) == sessionId)
            {
                members.Add(pid);
            }
        }

        return members;
    }
}
