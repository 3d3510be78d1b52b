using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>
/// The built <c>quilt-mcp</c> executable run as a real child process, for what only a process shows:
/// exit codes, signals, and what reaches stdout and stderr.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private ServerProcess(Process process, int port)
    {
        Process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public Process Process { get; }

    public int Port { get; }

    public Uri BaseUri { get; }

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The built server: src/Silo/bin/&lt;configuration&gt;/net10.0/quilt-mcp.dll, built like these tests.</summary>
    public static string ServerAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "Silo", "bin", configuration, framework.Name, "quilt-mcp.dll");
        }
    }

    /// <summary>Starts <c>quilt-mcp</c> with its own free HTTP and silo ports and the given environment.</summary>
    public static ServerProcess Start(IDictionary<string, string>? environment = null, params string[] arguments) =>
        Start(environment, FreePort.Next(), arguments);

    /// <summary>Starts <c>quilt-mcp</c> with a silo port the caller chose (to find its membership row later).</summary>
    public static ServerProcess Start(IDictionary<string, string>? environment, int siloPort, params string[] arguments)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FASTMCP_PORT"] = port.ToString();
        start.Environment["Cluster__SiloPort"] = siloPort.ToString();
        start.Environment["Shutdown__DrainDelay"] = "00:00:00";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["MCP_ENHANCED_JWT_SECRET"] = TestTokens.Secret;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, line) => server.Append(server._stdout, line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(server._stderr, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts a process whose stdin/stdout the caller drives (stdio transport).</summary>
    public static Process StartRaw(IDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
    }

    /// <summary>Polls <c>/ready</c> until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"quilt-mcp exited with {Process.ExitCode}: {StandardError}");
            }

            try
            {
                using var response = await http.GetAsync("/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"quilt-mcp was not ready within {timeout}. stderr: {StandardError}");
    }

    /// <summary>SIGKILL: the task dies without leaving the cluster, as on a host failure.</summary>
    public void Kill() => Process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM, as ECS and Kubernetes do to stop a task.</summary>
    public void Terminate()
    {
        if (kill(Process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({Process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancellation.Token);
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
