using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

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
        await WaitForListenerAsync(http);

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
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Shutdown:DrainDelay"] = "00:00:03" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);

        var stopping = server.App.StopAsync();
        using var duringDrain = await http.GetAsync("/ready");
        using var callDuringDrain = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(3), Authorize);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringDrain.StatusCode);
        Assert.Equal("stopping", await DetailAsync(duringDrain));
        Assert.Equal(HttpStatusCode.OK, callDuringDrain.StatusCode);
        Assert.Equal("stopping", JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("status").GetString());
        await stopping;
    }

    private static void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new("Bearer", TestTokens.Issue("lifecycle"));

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();

    private static async Task WaitForListenerAsync(HttpClient http)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await http.GetAsync("/healthz");
                return;
            }
            catch (HttpRequestException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
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
