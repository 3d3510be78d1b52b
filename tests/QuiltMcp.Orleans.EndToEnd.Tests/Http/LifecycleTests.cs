using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Http;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Ready_is_503_while_the_silo_starts_and_200_once_it_is_active()
    {
        var gate = new SiloStartGate();
        await using var server = await InProcessServer.CreateAsync(
            configure: builder => builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(gate),
            start: false);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var starting = server.App.StartAsync();
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await ListensAsync(http), TimeSpan.FromSeconds(60), "the listener answering /healthz");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        using (var notReady = await http.GetAsync("/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("silo starting", await DetailAsync(notReady));
        }

        using (var early = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            Assert.Equal("1", Assert.Single(early.Headers.GetValues("Retry-After")));
        }

        Assert.Equal("starting", JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("status").GetString());

        gate.Release();
        await starting;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);
        using var served = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(2), Authorize);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Ready_turns_503_first_when_shutdown_begins_while_requests_are_still_served()
    {
        // A drain far longer than the test: the checks below happen during it whatever the machine's speed, and the
        // test ends it by cancelling the stop (as the shutdown timeout would).
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Shutdown:DrainDelay"] = "00:10:00",
            ["Shutdown:Timeout"] = "00:20:00",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);

        using var endDrain = new CancellationTokenSource();
        var stopping = server.App.StopAsync(endDrain.Token);
        using var duringDrain = await http.GetAsync("/ready");
        using var callDuringDrain = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(3), Authorize);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringDrain.StatusCode);
        Assert.Equal("stopping", await DetailAsync(duringDrain));
        Assert.Equal(HttpStatusCode.OK, callDuringDrain.StatusCode);
        Assert.Equal("stopping", JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("status").GetString());
        Assert.False(stopping.IsCompleted, "the stop finished before its drain delay");
        await endDrain.CancelAsync();
        await stopping;
    }

    private static void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new("Bearer", TestTokens.Issue("lifecycle"));

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();

    private static async Task<bool> ListensAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/healthz");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Holds the silo just before it becomes Active until the test lets it go.</summary>
    private sealed class SiloStartGate : ILifecycleParticipant<ISiloLifecycle>
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SiloStartGate), ServiceLifecycleStage.Active - 1, async _ =>
            {
                _reached.TrySetResult();
                await _released.Task;
            });
    }
}
