using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using QuiltMcp.Orleans.Tests.Shared;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Aws.DynamoDb;

/// <summary>
/// A real, in-memory DynamoDB (npm <c>dynalite</c>) on a loopback port it binds itself and reports, started for one
/// test class and killed with it.
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _process;

    /// <summary>The port dynalite bound; known once <see cref="InitializeAsync"/> has returned.</summary>
    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Aws", "DynamoDb", "dynalite-host.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryPaths.NodeModules);
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = _process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data && data.StartsWith("READY ", StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(data["READY ".Length..], CultureInfo.InvariantCulture));
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(
            new InvalidOperationException($"dynalite exited with code {process.ExitCode} before it listened."));
        _process.EnableRaisingEvents = true;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Port = await ready.Task.WaitAsync(StartTimeout);
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
}
