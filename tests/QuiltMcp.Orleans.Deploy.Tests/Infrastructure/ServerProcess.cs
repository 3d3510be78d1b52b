using System.Diagnostics;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>
/// quilt-mcp run as its own process with the container's settings (FASTMCP_* environment), the way ECS
/// starts it, on free loopback ports.
/// </summary>
public sealed class ServerProcess : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public int SiloPort { get; } = FreePort.Next();

    public string McpUrl => $"http://127.0.0.1:{Port}/mcp";

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "quilt-mcp.dll");

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["FASTMCP_TRANSPORT"] = "streamable-http",
        ["FASTMCP_ADDR"] = "127.0.0.1",
        ["FASTMCP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Shutdown__DrainDelay"] = "00:00:00.2",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // Injected by ECS from Secrets Manager in production; any 32+ byte secret here.
        ["MCP_ENHANCED_JWT_SECRET"] = "deploy-tests-secret-0123456789abcdefghij",
    };

    /// <summary>A bearer token from the binary's own <c>token</c> subcommand, signed with the server's secret.</summary>
    public async Task<string> IssueTokenAsync()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ServerDll, "token", "--sub", "deploy-check", "--ttl", "10m"],
            environment: Environment, timeout: TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"quilt-mcp token failed: {result.Combined}");
        }

        return result.Output.Trim();
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("quilt-mcp did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"quilt-mcp exited with {_process.ExitCode} while starting.");
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{Port}/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("quilt-mcp did not become ready within 60 s.");
    }

    /// <summary>Sends SIGTERM (as ECS does on task stop) and returns the exit code, or null if it did not exit in time.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        var kill = await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, kill.ExitCode);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}
