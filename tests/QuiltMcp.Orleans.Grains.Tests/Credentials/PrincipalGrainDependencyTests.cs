using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Grains.Tests.Credentials;

/// <summary>
/// The principal grain takes its role assumer, credential clock and cache options from the silo's services, and the
/// grains registration supplies the clock and options when the host does not.
/// </summary>
public sealed class PrincipalGrainDependencyTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void The_grains_registration_supplies_the_real_clock_and_default_cache_options()
    {
        using var services = SiloServices(_ => { });

        Assert.Same(CredentialClock.System, services.GetRequiredService<CredentialClock>());
        var options = services.GetRequiredService<IOptions<CredentialCacheOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RetryFailedAfter);
    }

    [Fact]
    public void A_clock_the_host_registered_first_is_kept()
    {
        var hostClock = new CredentialClock(new FakeTimeProvider());

        using var services = SiloServices(host => host.AddSingleton(hostClock));

        Assert.Same(hostClock, services.GetRequiredService<CredentialClock>());
    }

    [Fact]
    public async Task The_grain_assumes_roles_through_the_hosts_assumer_on_the_hosts_clock_and_options()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var sts = new ScriptedRoleAssumer(clock);
        sts.Succeeds(Hour);
        sts.Succeeds(Hour);
        HostServices.Sts = sts;
        HostServices.Clock = new CredentialClock(clock);
        var cluster = new TestClusterBuilder(initialSilosCount: 1);
        cluster.AddSiloBuilderConfigurator<HostServices>();
        await using var silo = cluster.Build();
        await silo.DeployAsync();
        var grain = silo.GrainFactory.GetGrain<IPrincipalGrain>(PrincipalKeys.ForToken("quilt-frontend", "alice"));
        var request = new RoleSessionRequest("arn:aws:iam::123456789012:role/Reader", "alice", new Dictionary<string, string>());

        var first = await grain.GetRoleCredentialsAsync(request);

        // 45 minutes left: inside the host's 50-minute refresh window (the default 5 minutes would not renew yet),
        // and only the host's credential clock has moved.
        clock.Advance(TimeSpan.FromMinutes(15));
        var second = await grain.GetRoleCredentialsAsync(request);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Credentials!.AccessKeyId, second.Credentials!.AccessKeyId);
        Assert.Equal(2, sts.Calls);
        await silo.StopAllSilosAsync();
    }

    private static ServiceProvider SiloServices(Action<IServiceCollection> hostServices)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        hostServices(host.Services);
        host.UseOrleans(silo => silo.AddQuiltGrains());
        return host.Services.BuildServiceProvider();
    }

    /// <summary>Silo configurators are created by the test cluster, so the test hands its instances over here.</summary>
    private sealed class HostServices : ISiloConfigurator
    {
        public static ScriptedRoleAssumer Sts { get; set; } = null!;

        public static CredentialClock Clock { get; set; } = null!;

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<IRoleAssumer>(Sts);
            siloBuilder.Services.AddSingleton(Clock);
            siloBuilder.Services.Configure<CredentialCacheOptions>(options => options.RefreshBeforeExpiry = TimeSpan.FromMinutes(50));
            siloBuilder.AddQuiltGrains();
        }
    }
}
