using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>Sends SIGTERM, as ECS and Kubernetes do to stop a task; .NET's Process offers only SIGKILL.</summary>
public static class UnixSignal
{
    private const int Sigterm = 15;

    public static void Terminate(Process process)
    {
        if (kill(process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
