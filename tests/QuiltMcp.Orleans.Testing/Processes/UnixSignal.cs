using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// Sends SIGTERM, as ECS and Kubernetes do to stop a task (.NET's Process offers only SIGKILL of a whole tree), and
/// SIGKILL by process id, for processes a test started that are no child of its own (a shell's background jobs).
/// </summary>
public static class UnixSignal
{
    private const int Sigterm = 15;
    private const int Sigkill = 9;
    private const int NoSuchProcess = 3;

    public static void Terminate(Process process)
    {
        if (kill(process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL to one process; one that has already exited is not an error.</summary>
    public static void Kill(int pid)
    {
        if (kill(pid, Sigkill) != 0 && Marshal.GetLastPInvokeError() != NoSuchProcess)
        {
            throw new InvalidOperationException($"kill({pid}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
