using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>
/// One server process started by the harness (quilt-mcp or the baseline), with the wall-clock time of its
/// start, the <c>ReadyMs</c> it logs, and its RSS. Only this process is ever signalled or killed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int Sigterm = 15;
    private const int KeptLines = 200;

    private readonly Queue<string> _recentOutput = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceStart;
    private long? _readyMs;

    private ServerProcess(Process process, ServerKind kind, int port, Stopwatch sinceStart)
    {
        Process = process;
        Kind = kind;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
        _sinceStart = sinceStart;
    }

    public Process Process { get; }

    public ServerKind Kind { get; }

    public Uri BaseUri { get; }

    public Uri McpUri => new(BaseUri, "/mcp");

    /// <summary>Wall-clock milliseconds from <see cref="Start"/> until <c>/ready</c> first answered 200.</summary>
    public double? WallReadyMs { get; private set; }

    /// <summary>The server's own start-to-ready figure (quilt-mcp's event 1000), when it logged one.</summary>
    public long? LoggedReadyMs
    {
        get
        {
            lock (_gate)
            {
                return _readyMs;
            }
        }
    }

    public long? RssKb => ProcessMemory.ReadRssKb(Process.Id);

    public static ServerProcess Start(string assembly, ServerKind kind, int port, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{kind} server not built: {assembly} (see docs/performance.md for the build command).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var clock = Stopwatch.StartNew();
        var server = new ServerProcess(process, kind, port, clock);
        process.OutputDataReceived += (_, line) => server.Observe(line.Data);
        process.ErrorDataReceived += (_, line) => server.Observe(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>/ready</c> every 10 ms (a tight poll, so the wall-clock figure is accurate to about that).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} server exited with {Process.ExitCode}:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync("/ready");
                if (response.IsSuccessStatusCode)
                {
                    WallReadyMs = _sinceStart.Elapsed.TotalMilliseconds;
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Kind} server not ready within {timeout}:\n{RecentOutput()}");
    }

    /// <summary>Waits briefly for the ReadyMs log line, which the server writes just after /ready turns 200.</summary>
    public async Task<long?> WaitForLoggedReadyMsAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (LoggedReadyMs is null && clock.Elapsed < timeout && !Process.HasExited)
        {
            await Task.Delay(20);
        }

        return LoggedReadyMs;
    }

    public string RecentOutput()
    {
        lock (_gate)
        {
            return string.Join('\n', _recentOutput);
        }
    }

    /// <summary>SIGTERM (graceful: a silo leaves its cluster), then a kill if it has not exited in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Process.HasExited)
        {
            return;
        }

        _ = kill(Process.Id, Sigterm);
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await Process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        Process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > KeptLines)
            {
                _recentOutput.Dequeue();
            }

            if (_readyMs is null && line.Contains("\"ReadyMs\"", StringComparison.Ordinal))
            {
                _readyMs = ParseReadyMs(line);
            }
        }
    }

    /// <summary>Finds <c>ReadyMs</c> wherever the JSON console formatter put it (State or top level).</summary>
    private static long? ParseReadyMs(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Find(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }

        static long? Find(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("ReadyMs"))
                {
                    return property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetInt64()
                        : long.TryParse(property.Value.GetString(), out var parsed) ? parsed : null;
                }

                if (Find(property.Value) is { } nested)
                {
                    return nested;
                }
            }

            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
