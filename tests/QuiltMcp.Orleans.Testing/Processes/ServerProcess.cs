using System.Diagnostics;
using System.Globalization;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// A server (quilt-mcp, or the benchmark's baseline) run as a real child process, for what only a process shows:
/// exit codes, signals, what reaches stdout and stderr, memory, clusters of several processes.
/// </summary>
/// <remarks>
/// Ports are never handed from the test to the child to bind later (something else could take them in between):
/// <list type="bullet">
/// <item>HTTP: the child binds port 0 (a Kestrel endpoint set through configuration, which takes precedence over
/// FASTMCP_PORT) and the launcher learns the port it got from the child's own "Now listening on" log event.</item>
/// <item>The Orleans silo port cannot be 0 (the silo advertises it before it binds), so the launcher picks a port that
/// was free a moment ago and <see cref="StartReadyAsync"/> starts again on a fresh one if the bind failed because it
/// had been taken (<see cref="PortRetry"/>).</item>
/// </list>
/// </remarks>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The port settings the launcher owns; a caller that set one would bring back the races described above.</summary>
    public static readonly IReadOnlySet<string> PortVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        KestrelEndpointVariable, SiloPortVariable,
    };

    private const string KestrelEndpointVariable = "Kestrel__Endpoints__Http__Url";
    private const string SiloPortVariable = "Cluster__SiloPort";

    // The events the launcher (and callers) wait for are Information: a quieter log level must not hide them.
    private const string LifetimeLogLevelVariable = "Logging__LogLevel__Microsoft.Hosting.Lifetime";
    private const string StartupLogLevelVariable = "Logging__LogLevel__" + StartupReporterCategory;

    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";
    private const int ListeningEventId = 14;
    private const string StartupReporterCategory = "QuiltMcp.Orleans.Silo.Hosting.StartupReporter";
    private const int ServerReadyEventId = 1000;
    private const int OutputTailLines = 40;

    private readonly long _startedAt;
    private Uri? _baseUri;

    private ServerProcess(Process process, ServerProcessOptions options, int? siloPort, long startedAt)
    {
        Process = process;
        Options = options;
        SiloPort = siloPort;
        _startedAt = startedAt;
        OutputLines = new CapturedLines(options.KeptOutputLines);
        ErrorLines = new CapturedLines(options.KeptOutputLines);
    }

    public Process Process { get; }

    public ServerProcessOptions Options { get; }

    /// <summary>The silo port this process was given (to find its membership row), or null for a server without a silo.</summary>
    public int? SiloPort { get; }

    /// <summary>Everything the process wrote to stdout (nothing for stdio: stdout is the test's to read).</summary>
    public CapturedLines OutputLines { get; }

    /// <summary>Everything the process wrote to stderr.</summary>
    public CapturedLines ErrorLines { get; }

    /// <summary>Where the HTTP listener is, as the child reported it; known once <see cref="WaitUntilReadyAsync"/> returned.</summary>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The server has not reported its address yet: await WaitUntilReadyAsync first.");

    public int Port => BaseUri.Port;

    public Uri McpUri => new(BaseUri, "/mcp");

    /// <summary>From just before the process started until it was first seen ready (what the benchmark reports).</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    public long? RssKb => ProcessMemory.ReadRssKb(Process.Id);

    /// <summary>Starts the server and returns at once: for a start expected to fail, or to wait for several together.</summary>
    public static ServerProcess Start(ServerProcessOptions options)
    {
        var overridden = options.Environment.Keys.Where(PortVariables.Contains).ToList();
        if (overridden.Count > 0)
        {
            throw new ArgumentException($"{string.Join(", ", overridden)} belong to the launcher: it picks the ports.", nameof(options));
        }

        if (!File.Exists(options.Assembly))
        {
            throw new FileNotFoundException($"Server not built: {options.Assembly}");
        }

        var siloPort = options.HasSilo ? options.PickSiloPort() : (int?)null;
        var start = StartInfo(options, siloPort);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, options, siloPort, Stopwatch.GetTimestamp());
        process.ErrorDataReceived += (_, line) => server.ErrorLines.Add(line.Data);
        if (options.Transport == ProcessTransport.Http)
        {
            process.OutputDataReceived += (_, line) => server.OutputLines.Add(line.Data);
        }

        process.Start();
        process.BeginErrorReadLine();
        if (options.Transport == ProcessTransport.Http)
        {
            process.BeginOutputReadLine();
        }

        return server;
    }

    /// <summary>Starts the server and waits until it is ready, starting it again if its silo port was taken meanwhile.</summary>
    public static Task<ServerProcess> StartReadyAsync(ServerProcessOptions options) =>
        PortRetry.RunAsync(async () =>
        {
            var server = Start(options);
            try
            {
                await server.WaitUntilReadyAsync();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        });

    /// <summary>
    /// HTTP: waits for the child to report the address it bound, then until <c>/ready</c> answers 200. Stdio: waits for
    /// its "Server ready" event. Throws <see cref="PortInUseException"/> if it exited because its silo port was taken.
    /// </summary>
    public async Task WaitUntilReadyAsync()
    {
        using var deadline = new CancellationTokenSource(Options.ReadyTimeout);
        try
        {
            if (Options.Transport == ProcessTransport.Stdio)
            {
                await ErrorLines.WaitForAsync(line => JsonLogEvent.Is(line, StartupReporterCategory, ServerReadyEventId), deadline.Token);
            }
            else
            {
                var listening = await OutputLines.WaitForAsync(line => JsonLogEvent.Is(line, LifetimeCategory, ListeningEventId), deadline.Token);
                JsonLogEvent.TryParse(listening, out var reported);
                _baseUri = new Uri(reported.State("address") ?? throw new InvalidOperationException($"No address in {listening}"));
                await PollReadyAsync(deadline.Token);
            }

            ReadyAfter = Stopwatch.GetElapsedTime(_startedAt);
        }
        catch (EndOfStreamException)
        {
            throw await ExitedBeforeReadyAsync();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was not ready within {Options.ReadyTimeout}.\n{Tails()}");
        }
    }

    /// <summary>The first output line (stdout, or stderr for stdio) that matches, waiting for it to be written.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> matches, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        var lines = Options.Transport == ProcessTransport.Stdio ? ErrorLines : OutputLines;
        try
        {
            return await lines.WaitForAsync(matches, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not write the expected line within {within}.\n{Tails()}");
        }
    }

    /// <summary>SIGKILL: the task dies without leaving its cluster, as on a host failure.</summary>
    public void Kill() => Process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as ECS and Kubernetes send to stop a task.</summary>
    public void Terminate() => UnixSignal.Terminate(Process);

    /// <summary>Waits for the process to exit and returns its exit code; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await Process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {within}.\n{Tails()}");
        }

        return Process.ExitCode;
    }

    /// <summary>SIGTERM (a silo leaves its cluster gracefully), then a kill if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Process.HasExited)
        {
            return;
        }

        if (grace > TimeSpan.Zero)
        {
            Terminate();
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await Process.WaitForExitAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Fall through to the kill.
            }
        }

        Kill();
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(Options.StopGrace);
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the signal.
        }

        Process.Dispose();
    }

    private string Name => Path.GetFileName(Options.Assembly);

    private static ProcessStartInfo StartInfo(ServerProcessOptions options, int? siloPort)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Path.GetDirectoryName(options.Assembly)!,
        };
        start.ArgumentList.Add(options.Assembly);
        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        start.Environment[StartupLogLevelVariable] = "Information";
        if (options.Transport == ProcessTransport.Stdio)
        {
            start.ArgumentList.Add("--transport");
            start.ArgumentList.Add("stdio");
        }
        else
        {
            start.Environment[KestrelEndpointVariable] = $"http://{options.ListenAddress}:0";
            start.Environment[LifetimeLogLevelVariable] = "Information";
        }

        if (siloPort is { } port)
        {
            start.Environment[SiloPortVariable] = port.ToString(CultureInfo.InvariantCulture);
        }

        return start;
    }

    private async Task PollReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (Process.HasExited)
            {
                throw new EndOfStreamException("the server exited");
            }

            try
            {
                using var response = await http.GetAsync("/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Listening was reported, yet the connection failed: the process is going down; the next turn sees it.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer while the machine is busy; ask again.
            }

            await Task.Delay(Options.ReadyPollInterval, cancellationToken);
        }
    }

    private async Task<Exception> ExitedBeforeReadyAsync()
    {
        // stdout or stderr closed: the process is exiting. Waiting for the exit also drains both streams.
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Process.WaitForExitAsync(drain.Token);
        var message = $"{Name} exited with {Process.ExitCode} before it was ready.\n{Tails()}";
        return SiloPort is not null && PortInUseException.IsReportedIn(OutputLines + "\n" + ErrorLines)
            ? new PortInUseException(message)
            : new InvalidOperationException(message);
    }

    private string Tails() =>
        $"stderr (last lines):\n{string.Join('\n', ErrorLines.Lines.TakeLast(OutputTailLines))}\n"
        + $"stdout (last lines):\n{string.Join('\n', OutputLines.Lines.TakeLast(OutputTailLines))}";
}
