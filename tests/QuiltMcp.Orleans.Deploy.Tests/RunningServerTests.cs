using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// What the image and the task definition rely on, checked against a real server process: the healthcheck
/// subcommand (the container and ECS health check), test-endpoint.sh (the pipeline's endpoint phase) and
/// a clean exit on SIGTERM (what the exec-form entrypoint delivers).
/// </summary>
public sealed class RunningServerTests : IAsyncLifetime
{
    private readonly ContainerServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private Task<ProcessRunner.Result> HealthcheckAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [ContainerServer.ServerDll, "healthcheck", .. arguments], environment: environment, timeout: TimeSpan.FromSeconds(60));

    [Fact]
    public async Task HealthcheckPassesAgainstTheServerFoundFromTheContainerEnvironment()
    {
        // Same environment as the server: the subcommand must find the port from FASTMCP_PORT alone, as in the
        // container where HEALTHCHECK runs "/app/quilt-mcp healthcheck" with no arguments.
        var result = await HealthcheckAsync(new Dictionary<string, string?>(_server.Environment) { ["FASTMCP_ADDR"] = "0.0.0.0" });
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains($"http://127.0.0.1:{_server.Port}/healthz: 200", result.Output);
    }

    [Fact]
    public async Task HealthcheckFailsWhenNothingAnswers()
    {
        var unused = FreePort.Next();
        var result = await HealthcheckAsync(new Dictionary<string, string?>(_server.Environment) { ["FASTMCP_PORT"] = unused.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "--timeout", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"127.0.0.1:{unused}/healthz", result.Error);
    }

    [Fact]
    public async Task TestEndpointScriptValidatesTheThreeCallsAgainstARealServer()
    {
        var result = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "test-endpoint.sh"), "--url", _server.McpUrl],
            environment: new Dictionary<string, string?> { ["MCP_TOKEN"] = await _server.IssueTokenAsync() }, timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("ok: initialize", result.Output);
        Assert.Contains("ok: tools/list", result.Output);
        Assert.Contains("ok: tools/call auth_status", result.Output);
    }

    [Fact]
    public async Task TestEndpointScriptFailsForAToolTheServerDoesNotHave()
    {
        var result = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "test-endpoint.sh"), "--url", _server.McpUrl, "--tool", "no_such_tool"],
            environment: new Dictionary<string, string?> { ["MCP_TOKEN"] = await _server.IssueTokenAsync() }, timeout: TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ok: initialize", result.Output);
        Assert.Contains("tools/list: unexpected result", result.Error);
    }

    [Fact]
    public async Task TestEndpointScriptReportsTheMissingTokenAsUnauthorized()
    {
        var result = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "test-endpoint.sh"), "--url", _server.McpUrl],
            environment: new Dictionary<string, string?> { ["MCP_TOKEN"] = null }, timeout: TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("401", result.Combined);
    }

    [Fact]
    public async Task SigtermEndsTheServerCleanlyWithinTheEcsStopTimeout()
    {
        // ECS sends SIGTERM and waits stopTimeout (shutdown timeout + 15 s = 45 s by default) before SIGKILL.
        var exitCode = await _server.TerminateAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(0, exitCode);
    }
}
