using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using QuiltMcp.Orleans.Testing.Processes;
using QuiltMcp.Orleans.Tests.Shared;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Aws.DynamoDb;

/// <summary>
/// A real DynamoDB (npm <c>dynalite</c>) on a loopback port it binds itself and reports, started for one test class
/// and killed with it. In memory by default; with <see cref="KeepsDataOnDisk"/> its tables live in a temporary folder,
/// so the server can be stopped and started again on the same port with its data, as a DynamoDB outage looks to a
/// client.
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _process;
    private string? _dataFolder;

    /// <summary>Keep the tables on disk (set before <see cref="InitializeAsync"/>), so <see cref="StartAgainAsync"/> finds them.</summary>
    public bool KeepsDataOnDisk { get; init; }

    /// <summary>The port dynalite bound; known once <see cref="InitializeAsync"/> has returned.</summary>
    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        if (KeepsDataOnDisk)
        {
            _dataFolder = Directory.CreateTempSubdirectory("dynalite-").FullName;
        }

        Port = await LaunchAsync(port: 0);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_dataFolder is not null)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Stops the server now (SIGKILL): clients find the port closed, as when DynamoDB cannot be reached.</summary>
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

    /// <summary>
    /// Starts the stopped server again on the port it had, with the tables it had: clients that kept their endpoint
    /// reach it again. Only a server that keeps its data on disk can do this; one in memory would come back empty.
    /// </summary>
    public async Task StartAgainAsync()
    {
        if (!KeepsDataOnDisk)
        {
            throw new InvalidOperationException("Only a dynalite that keeps its data on disk can start again with its tables (KeepsDataOnDisk).");
        }

        if (IsRunning)
        {
            throw new InvalidOperationException("dynalite is still running; stop it first.");
        }

        var port = await LaunchAsync(Port);
        if (port != Port)
        {
            throw new InvalidOperationException($"dynalite came back on port {port}, not {Port}.");
        }
    }

    private async Task<int> LaunchAsync(int port)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Aws", "DynamoDb", "dynalite-host.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryPaths.NodeModules);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        if (_dataFolder is not null)
        {
            start.ArgumentList.Add(_dataFolder);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        _process = process;
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new CapturedLines(keep: 20);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data && data.StartsWith("READY ", StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(data["READY ".Length..], CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, line) => errors.Add(line.Data);
        process.Exited += (_, _) => ready.TrySetException(
            new InvalidOperationException($"dynalite exited with code {process.ExitCode} before it listened: {string.Join(" | ", errors.Lines)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return await ready.Task.WaitAsync(StartTimeout);
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
}
