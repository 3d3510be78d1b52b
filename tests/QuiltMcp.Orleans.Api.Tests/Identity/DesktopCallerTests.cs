using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Tests.Identity.Bearer;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Identity;

/// <summary>
/// A stdio server answers the protocol while its silo still joins; the first request that acts for the local user
/// waits for the silo before it calls the user's grain, and the grain learns the user once.
/// </summary>
public sealed class DesktopCallerTests
{
    [Fact]
    public async Task A_request_waits_for_the_silo_before_the_grain_is_called_and_the_user_is_identified_once()
    {
        var grain = new RecordingPrincipalGrain();
        var grains = TestGrainFactory.Create().Register<IPrincipalGrain>(_ => grain);
        var siloActive = new TaskCompletionSource();
        var desktop = new DesktopCaller(grains.Factory, new FakeTimeProvider(), "ana", siloActive.Task);

        var first = desktop.ForRequestAsync(null, new RequestId(1)).AsTask();
        var second = desktop.ForRequestAsync(null, new RequestId(2)).AsTask();
        await Task.Delay(50);

        Assert.False(first.IsCompleted);
        Assert.Empty(grain.Identified);

        siloActive.SetResult();
        var callers = await Task.WhenAll(first, second);

        Assert.Equal("ana", Assert.Single(grain.Identified).Subject);
        Assert.All(callers, caller => Assert.Equal(PrincipalKeys.ForDesktopUser("ana"), caller.PrincipalId));
        Assert.Equal(["1", "2"], callers.Select(caller => caller.Request.RequestId));
    }
}
