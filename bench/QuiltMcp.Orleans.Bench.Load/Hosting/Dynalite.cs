using System.Diagnostics;
using System.Globalization;
using QuiltMcp.Orleans.Testing.Processes;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>A local DynamoDB (npm dynalite, in memory) for the cluster scenario's membership table.</summary>
public sealed class Dynalite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;

    private Dynalite(Process process, int port)
    {
        _process = process;
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public string ServiceUrl { get; }

    /// <summary>
    /// Starts dynalite and waits for its own "listening" line, so the port is known to be held by this child and not by
    /// whatever else answers there. Its CLI cannot bind port 0 (it reads 0 as "default"), so a port taken between the
    /// pick and the bind means a fresh start on another port.
    /// </summary>
    public static Task<Dynalite> StartAsync(RepositoryLayout layout)
    {
        if (!File.Exists(layout.DynaliteCli))
        {
            throw new FileNotFoundException($"dynalite is not installed: run (cd tests/node && npm ci). Missing {layout.DynaliteCli}");
        }

        return PortRetry.RunAsync(() => StartOnceAsync(layout.DynaliteCli, FreePort.Next()));
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

    private static async Task<Dynalite> StartOnceAsync(string cli, int port)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var output = new CapturedLines();
        var errors = new CapturedLines();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => errors.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dynalite = new Dynalite(process, port);
        try
        {
            using var deadline = new CancellationTokenSource(StartTimeout);
            await output.WaitForAsync(line => line.StartsWith("Dynalite listening at", StringComparison.Ordinal), deadline.Token);
            return dynalite;
        }
        catch (EndOfStreamException)
        {
            await process.WaitForExitAsync();
            var message = $"dynalite exited with {process.ExitCode} before listening on {port}:\n{errors}";
            await dynalite.DisposeAsync();
            throw PortInUseException.IsReportedIn(errors.ToString()) ? new PortInUseException(message) : new InvalidOperationException(message);
        }
        catch
        {
            await dynalite.DisposeAsync();
            throw;
        }
    }
}
