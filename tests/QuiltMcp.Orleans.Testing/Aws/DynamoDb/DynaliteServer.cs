using System.Diagnostics;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using QuiltMcp.Orleans.Tests.Shared;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Aws.DynamoDb;

/// <summary>
/// A real, in-memory DynamoDB (npm <c>dynalite</c>) on a free loopback port, started for one test class and killed with it.
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var cli = Path.Combine(RepositoryPaths.NodeModules, "dynalite", "cli.js");

        // Table state changes are instant so tests need not wait out dynalite's simulated CREATING phase.
        var start = new ProcessStartInfo("node", $"\"{cli}\" --port {Port} --createTableMs 0 --deleteTableMs 0 --updateTableMs 0")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    public async Task DisposeAsync() => await StopAsync();

    /// <summary>Stops the server now, e.g. to show that an unreachable DynamoDB surfaces as an exception.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>A real SDK client pointed at this server; retries off so failures show at once.</summary>
    public IAmazonDynamoDB CreateClient() => CreateClient(ServiceUrl);

    public static IAmazonDynamoDB CreateClient(string serviceUrl) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(10),
        });

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {_process.ExitCode} before listening on {Port}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
