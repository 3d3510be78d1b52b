using System.Diagnostics;
using Orleans.Configuration;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Membership;

/// <summary>
/// Orleans initializes the membership table once at start-up and stops the silo if that throws. A silo starting
/// during a DynamoDB outage waits for DynamoDB instead (up to the join time Orleans allows its first read), while a
/// refusal that waiting cannot change still fails at once.
/// </summary>
public sealed class MembershipStartupOutageTests
{
    private const int UnreachableEvent = 6001;
    private const int ReachedEvent = 6002;
    private readonly string _clusterId = "outage-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_silo_starting_during_an_outage_initializes_the_table_once_dynamodb_is_back()
    {
        var dynalite = new DynaliteServer { KeepsDataOnDisk = true };
        await dynalite.InitializeAsync();
        try
        {
            using var client = dynalite.CreateClient();
            var logger = new FakeLogger<DynamoDbMembershipTable>();
            var table = TestTables.Membership(client, _clusterId, membership: new ClusterMembershipOptions { MaxJoinAttemptTime = TimeSpan.FromSeconds(60) }, logger: logger);
            await dynalite.StopAsync();

            var initializing = table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
            await Eventually.TrueAsync(() => logger.Collector.GetSnapshot().Any(e => e.Id.Id == UnreachableEvent), TimeSpan.FromSeconds(30), "a failed attempt");
            Assert.False(initializing.IsCompleted);
            await dynalite.StartAgainAsync();
            await initializing.WaitAsync(TimeSpan.FromSeconds(30));

            var data = await table.ReadAllAsync(CancellationToken.None);
            Assert.Empty(data.Members);
            Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
            Assert.Single(logger.Collector.GetSnapshot(), e => e.Id.Id == ReachedEvent);
            Assert.Contains(logger.Collector.GetSnapshot(), e => e.Id.Id == UnreachableEvent && e.Message.Contains("HttpRequestException", StringComparison.Ordinal));
        }
        finally
        {
            await dynalite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Waiting_ends_after_the_join_time_with_the_last_failure()
    {
        using var nowhere = DynaliteServer.CreateClient($"http://127.0.0.1:{FreePort.Next()}");
        var logger = new FakeLogger<DynamoDbMembershipTable>();
        var table = TestTables.Membership(nowhere, _clusterId, membership: new ClusterMembershipOptions { MaxJoinAttemptTime = TimeSpan.FromSeconds(4) }, logger: logger);
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<HttpRequestException>(() => table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None));

        // Pauses of 1 s and 2 s fit in 4 s; the next (4 s) would not, so the third failure is thrown.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        Assert.Equal(2, logger.Collector.GetSnapshot().Count(e => e.Id.Id == UnreachableEvent));
    }

    [Fact]
    public async Task A_refusal_is_thrown_at_once_without_waiting()
    {
        var dynalite = new DynaliteServer();
        await dynalite.InitializeAsync();
        try
        {
            using var client = dynalite.CreateClient();
            var logger = new FakeLogger<DynamoDbMembershipTable>();
            var options = TestTables.Options(membershipTable: "missing-" + Guid.NewGuid().ToString("N")[..8], createIfNotExists: false);
            var table = TestTables.Membership(client, _clusterId, options, logger: logger);

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None));

            Assert.Contains("Cluster:DynamoDb:CreateIfNotExists is false", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(logger.Collector.GetSnapshot(), e => e.Id.Id == UnreachableEvent);
        }
        finally
        {
            await dynalite.DisposeAsync();
        }
    }
}
