using QuiltMcp.Orleans.Tests.Shared;
using System.Diagnostics;
using System.Net.Sockets;

namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>A local DynamoDB (npm dynalite, in memory) for the cluster scenario's membership table.</summary>
public sealed class Dynalite : IAsyncDisposable
{
    private readonly Process _process;

    private Dynalite(Process process, int port)
    {
        _process = process;
        ServiceUrl = $"http://127.0.0.1:{port}";
        Port = port;
    }

    public string ServiceUrl { get; }

    public int Port { get; }

    public static async Task<Dynalite> StartAsync(RepositoryLayout layout)
    {
        if (!File.Exists(layout.DynaliteCli))
        {
            throw new FileNotFoundException($"dynalite is not installed: run (cd tests/node && npm ci). Missing {layout.DynaliteCli}");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(layout.DynaliteCli);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dynalite = new Dynalite(process, port);
        await dynalite.WaitForPortAsync(TimeSpan.FromSeconds(20));
        return dynalite;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitForPortAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"dynalite did not listen on {Port} within {timeout}");
    }
}
