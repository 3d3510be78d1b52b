using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Grains;

/// <summary>
/// A real two-silo Orleans cluster in this process whose principal grains assume roles through the real STS client
/// against a fake STS. Credential expiry follows a fake clock the tests move; Orleans itself keeps real time.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    // Silo configurators are created by the test cluster, not by us: they find the shared clock here.
    private static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public FakeTimeProvider Clock => SharedClock;

    public TestCluster Cluster { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sts = await FakeSts.StartAsync();
        Sts.Clock = SharedClock.GetUtcNow;
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["Aws:Region"] = AwsTestEnvironment.Region;
        builder.Properties["Aws:StsServiceUrl"] = Sts.Url.ToString();
        builder.Properties["Telemetry:EmbeddedMetrics"] = "false";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitUntilEverySiloSeesBothAsync();
    }

    /// <summary>
    /// DeployAsync returns once the silos started, not once each knows the other is Active; until then a silo places
    /// every new activation on itself, and tests about spreading grains over both silos would see only one.
    /// </summary>
    private async Task WaitUntilEverySiloSeesBothAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var views = Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(silo => silo.ServiceProvider.GetRequiredService<IClusterMembershipService>())
            .ToArray();
        while (!views.All(view => view.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == views.Length))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The two test silos did not see each other as Active within 30 s.");
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Sts.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddQuiltAwsCredentials(siloBuilder.Configuration);
            siloBuilder.Services.AddSingleton(new CredentialClock(SharedClock));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo cluster";
}
