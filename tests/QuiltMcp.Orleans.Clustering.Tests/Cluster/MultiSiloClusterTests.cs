using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Clustering.Tests.Membership;
using QuiltMcp.Orleans.Testing.Processes;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.Clustering.Tests.Cluster;

/// <summary>Real multi-silo clusters (in process) held together only by the DynamoDB membership table on dynalite.</summary>
public sealed class MultiSiloClusterTests(DynaliteServer dynalite, ITestOutputHelper output) : IClassFixture<DynaliteServer>
{
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Silos_see_each_other_and_a_stopped_silo_leaves_the_membership()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(cluster.Silos.Select(silo => silo.SiloAddress).ToHashSet(), hosts.Keys.ToHashSet());
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));

        // Without test-cluster membership no silo is special (TestCluster has no Primary), so any one may leave.
        var (leaving, staying) = (cluster.Silos[1], cluster.Silos[0]);
        await cluster.StopSiloAsync(leaving);

        await WaitUntilAsync(async () => !(await management.GetHosts(onlyActive: true)).ContainsKey(leaving.SiloAddress), "the stopped silo to leave");
        var rows = await ReadMembershipAsync(cluster);
        Assert.Equal(SiloStatus.Dead, rows[leaving.SiloAddress]);
        Assert.Equal(SiloStatus.Active, rows[staying.SiloAddress]);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_grain_reactivates_elsewhere_with_its_state()
    {
        await using var cluster = await StartClusterAsync(silos: 3);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(3, (await management.GetHosts(onlyActive: true)).Count);

        var grain = cluster.Client.GetGrain<ILocatedCounterGrain>("session-" + Guid.NewGuid().ToString("N"));
        var home = await grain.GetSiloAsync();
        var victim = cluster.Silos.Single(silo => silo.SiloAddress.ToString() == home);
        Assert.Equal(1, await grain.IncrementAsync());

        // Reported, never asserted: how fast failure detection is depends on the machine's load.
        var watch = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        await WaitUntilAsync(async () => (await ReadMembershipAsync(cluster)).GetValueOrDefault(victim.SiloAddress) == SiloStatus.Dead, "the killed silo to be voted dead");
        output.WriteLine($"Killed silo declared dead after {watch.Elapsed.TotalSeconds:F1} s.");
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.DoesNotContain(victim.SiloAddress, hosts.Keys);
        Assert.Equal(2, hosts.Count);

        var count = await RetryAsync(() => grain.IncrementAsync());
        var newHome = await grain.GetSiloAsync();
        Assert.Equal(2, count);
        Assert.NotEqual(victim.SiloAddress.ToString(), newHome);
        Assert.Contains(hosts.Keys, silo => silo.ToString() == newHome);

        // A replacement task joins through the same table and takes work again.
        var replacement = await cluster.StartAdditionalSiloAsync();
        await WaitUntilAsync(async () => (await management.GetHosts(onlyActive: true)).ContainsKey(replacement.SiloAddress), "the replacement silo to join");
        Assert.Equal(3, (await management.GetHosts(onlyActive: true)).Count);
        Assert.Equal(SiloStatus.Active, (await ReadMembershipAsync(cluster))[replacement.SiloAddress]);
    }

    private async Task<TestCluster> StartClusterAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DynamoDbSiloConfigurator.DynaliteUrlKey] = dynalite.ServiceUrl,
        }));
        builder.AddSiloBuilderConfigurator<DynamoDbSiloConfigurator>();
        builder.AddClientBuilderConfigurator<DynamoDbClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task<Dictionary<SiloAddress, SiloStatus>> ReadMembershipAsync(TestCluster cluster)
    {
        using var client = dynalite.CreateClient();
        var table = TestTables.Membership(client, cluster.Options.ClusterId, TestTables.Options(membershipTable: "cluster-membership"));
        var data = await table.ReadAllAsync(CancellationToken.None);
        return data.Members.ToDictionary(row => row.Item1.SiloAddress, row => row.Item1.Status);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, ConvergenceTimeout, what);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + ConvergenceTimeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Calls routed to the dead silo fail until every directory has caught up with its death.
                await Task.Delay(250);
            }
        }
    }
}
