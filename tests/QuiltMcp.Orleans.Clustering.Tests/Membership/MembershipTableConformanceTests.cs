using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Membership;

/// <summary>
/// The cases Orleans certifies a membership table with, run against the production table on a real dynalite.
/// Every test uses its own cluster id in one shared table, which doubles as a check that clusters stay apart.
/// </summary>
public sealed class MembershipTableConformanceTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IAsyncLifetime
{
    private readonly IAmazonDynamoDB _client = dynalite.CreateClient();
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private DynamoDbMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = TestTables.Membership(_client, _clusterId);
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Reading_an_empty_cluster_returns_no_rows_and_version_zero()
    {
        var data = await _table.ReadAllAsync(CancellationToken.None);

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));

        var neverInitialized = await TestTables.Membership(_client, "cluster-never-written").ReadAllAsync(CancellationToken.None);
        Assert.Empty(neverInitialized.Members);
        Assert.Equal(0, neverInitialized.Version.Version);
    }

    [Fact]
    public async Task Insert_adds_the_row_and_advances_version_and_etag_together()
    {
        var before = await _table.ReadAllAsync(CancellationToken.None);
        var entry = MembershipEntries.New(SiloStatus.Joining, proxyPort: 30000);
        entry.AddSuspector(MembershipEntries.New().SiloAddress, MembershipEntries.UtcNowSeconds());

        Assert.True(await _table.InsertRowAsync(entry, before.Version.Next(), CancellationToken.None));

        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        AssertSameEntry(entry, stored);

        var single = await _table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.Equal(after.Version, single.Version);
        Assert.Equal(etag, Assert.Single(single.Members).Item2);
    }

    [Fact]
    public async Task Inserting_a_row_that_exists_returns_false_and_changes_nothing()
    {
        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        var current = await _table.ReadAllAsync(CancellationToken.None);

        var duplicate = MembershipEntries.New();
        duplicate.SiloAddress = entry.SiloAddress;
        duplicate.Status = SiloStatus.Active;

        Assert.False(await _table.InsertRowAsync(duplicate, current.Version.Next(), CancellationToken.None));
        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task Insert_with_a_stale_table_version_returns_false()
    {
        var stale = (await _table.ReadAllAsync(CancellationToken.None)).Version;
        Assert.True(await _table.InsertRowAsync(MembershipEntries.New(), stale.Next(), CancellationToken.None));

        var loser = MembershipEntries.New();
        Assert.False(await _table.InsertRowAsync(loser, stale.Next(), CancellationToken.None));

        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, after.Version.Version);
        Assert.DoesNotContain(after.Members, row => row.Item1.SiloAddress.Equals(loser.SiloAddress));
    }

    [Fact]
    public async Task Update_with_a_stale_table_version_returns_false()
    {
        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        var read = await _table.ReadAllAsync(CancellationToken.None);
        var rowEtag = Row(read, entry.SiloAddress).Item2;

        // Another silo changes the table (a different row) after our read.
        Assert.True(await _table.InsertRowAsync(MembershipEntries.New(), read.Version.Next(), CancellationToken.None));

        entry.Status = SiloStatus.Active;
        Assert.False(await _table.UpdateRowAsync(entry, rowEtag, read.Version.Next(), CancellationToken.None));
        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Joining, Row(after, entry.SiloAddress).Item1.Status);
    }

    [Fact]
    public async Task Update_with_a_row_etag_from_before_an_earlier_update_returns_false()
    {
        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        var first = await _table.ReadAllAsync(CancellationToken.None);
        var oldRowEtag = Row(first, entry.SiloAddress).Item2;
        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRowAsync(entry, oldRowEtag, first.Version.Next(), CancellationToken.None));

        var second = await _table.ReadAllAsync(CancellationToken.None);
        Assert.NotEqual(oldRowEtag, Row(second, entry.SiloAddress).Item2);
        entry.Status = SiloStatus.Dead;
        Assert.False(await _table.UpdateRowAsync(entry, oldRowEtag, second.Version.Next(), CancellationToken.None));
        Assert.Equal(SiloStatus.Active, Row((await _table.ReadAllAsync(CancellationToken.None)), entry.SiloAddress).Item1.Status);
    }

    [Fact]
    public async Task Updating_a_missing_row_returns_false_and_leaves_the_version()
    {
        var read = await _table.ReadAllAsync(CancellationToken.None);

        Assert.False(await _table.UpdateRowAsync(MembershipEntries.New(SiloStatus.Active), "no-such-etag", read.Version.Next(), CancellationToken.None));

        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(read.Version, after.Version);
        Assert.Empty(after.Members);
    }

    [Fact]
    public async Task Twenty_concurrent_inserts_at_one_version_have_exactly_one_winner()
    {
        var version = (await _table.ReadAllAsync(CancellationToken.None)).Version;
        var entries = Enumerable.Range(0, 20).Select(_ => MembershipEntries.New()).ToList();

        var results = await Task.WhenAll(entries.Select(entry => Task.Run(() => _table.InsertRowAsync(entry, version.Next(), CancellationToken.None))));

        Assert.Equal(1, results.Count(won => won));
        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, after.Version.Version);
        var winner = entries[Array.IndexOf(results, true)];
        Assert.Equal(winner.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_updaters_lose_nothing_and_converge_on_the_right_version()
    {
        const int workers = 6;
        const int updatesEach = 3;
        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        // Each update adds one suspect vote to the same row; a lost update would lose a vote.
        var voters = Enumerable.Range(0, workers).Select(_ => MembershipEntries.New().SiloAddress).ToList();
        await Task.WhenAll(voters.Select(voter => Task.Run(async () =>
        {
            for (var done = 0; done < updatesEach;)
            {
                var read = await _table.ReadAllAsync(CancellationToken.None);
                var (row, etag) = Row(read, entry.SiloAddress);
                row.AddSuspector(voter, MembershipEntries.UtcNowSeconds().AddSeconds(done));
                if (await _table.UpdateRowAsync(row, etag, read.Version.Next(), CancellationToken.None))
                {
                    done++;
                }
            }
        })));

        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1 + (workers * updatesEach), after.Version.Version);
        var votes = Row(after, entry.SiloAddress).Item1.SuspectTimes ?? [];
        Assert.Equal(workers * updatesEach, votes.Count);
        Assert.All(voters, voter => Assert.Equal(updatesEach, votes.Count(vote => vote.Item1.Equals(voter))));
    }

    [Fact]
    public async Task A_heartbeat_neither_invalidates_an_etag_read_before_it_nor_moves_the_version()
    {
        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        var read = await _table.ReadAllAsync(CancellationToken.None);
        var (row, rowEtag) = Row(read, entry.SiloAddress);

        var heartbeat = MembershipEntries.New();
        heartbeat.SiloAddress = entry.SiloAddress;
        heartbeat.IAmAliveTime = entry.IAmAliveTime.AddSeconds(30);
        await _table.UpdateIAmAliveAsync(heartbeat, CancellationToken.None);

        var afterBeat = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(read.Version, afterBeat.Version);
        Assert.Equal(heartbeat.IAmAliveTime, Row(afterBeat, entry.SiloAddress).Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, Row(afterBeat, entry.SiloAddress).Item1.Status);

        row.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRowAsync(row, rowEtag, read.Version.Next(), CancellationToken.None));
        var updated = Row((await _table.ReadAllAsync(CancellationToken.None)), entry.SiloAddress).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);

        // The update carried the older alive time it had read; the newer heartbeat must survive it.
        Assert.Equal(heartbeat.IAmAliveTime, updated.IAmAliveTime);
    }

    [Fact]
    public async Task A_heartbeat_for_a_row_that_does_not_exist_is_refused()
    {
        await Assert.ThrowsAsync<OrleansMissingMembershipEntryException>(
            () => _table.UpdateIAmAliveAsync(MembershipEntries.New(), CancellationToken.None));
        Assert.Empty((await _table.ReadAllAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_rows_last_alive_strictly_before_the_cutoff()
    {
        var cutoff = MembershipEntries.UtcNowSeconds().AddHours(-1);
        var deadOld = MembershipEntries.New(SiloStatus.Dead, iAmAlive: cutoff.AddSeconds(-1));
        var deadAtCutoff = MembershipEntries.New(SiloStatus.Dead, iAmAlive: cutoff);
        var deadRecent = MembershipEntries.New(SiloStatus.Dead, iAmAlive: cutoff.AddMinutes(30));
        var activeOld = MembershipEntries.New(SiloStatus.Active, iAmAlive: cutoff.AddHours(-5));
        var deadOldButHeartbeatRecent = MembershipEntries.New(SiloStatus.Dead, iAmAlive: cutoff.AddHours(-5));
        foreach (var entry in new[] { deadOld, deadAtCutoff, deadRecent, activeOld, deadOldButHeartbeatRecent })
        {
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        }

        var beat = MembershipEntries.New();
        beat.SiloAddress = deadOldButHeartbeatRecent.SiloAddress;
        beat.IAmAliveTime = cutoff.AddMinutes(1);
        await _table.UpdateIAmAliveAsync(beat, CancellationToken.None);
        var versionBefore = (await _table.ReadAllAsync(CancellationToken.None)).Version;

        await _table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(cutoff), CancellationToken.None);

        var after = await _table.ReadAllAsync(CancellationToken.None);
        var remaining = after.Members.Select(row => row.Item1.SiloAddress).ToHashSet();
        Assert.Equal(
            new[] { deadAtCutoff, deadRecent, activeOld, deadOldButHeartbeatRecent }.Select(entry => entry.SiloAddress).ToHashSet(),
            remaining);
        Assert.Equal(versionBefore, after.Version);
    }

    [Fact]
    public async Task Two_clusters_in_one_table_do_not_see_each_other()
    {
        var other = TestTables.Membership(_client, _clusterId + "-other");
        await other.InitializeMembershipTableAsync(true, CancellationToken.None);
        var mine = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(mine, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        var otherData = await other.ReadAllAsync(CancellationToken.None);
        Assert.Empty(otherData.Members);
        Assert.Equal(0, otherData.Version.Version);

        Assert.True(await other.InsertRowAsync(MembershipEntries.New(), otherData.Version.Next(), CancellationToken.None));
        var myData = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, myData.Version.Version);
        Assert.Equal(mine.SiloAddress, Assert.Single(myData.Members).Item1.SiloAddress);

        await other.DeleteMembershipTableEntriesAsync(_clusterId + "-other", CancellationToken.None);
        Assert.Empty((await other.ReadAllAsync(CancellationToken.None)).Members);
        Assert.Single((await _table.ReadAllAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task Two_table_instances_with_their_own_clients_share_one_cluster_state()
    {
        using var secondClient = dynalite.CreateClient();
        var second = TestTables.Membership(secondClient, _clusterId);
        await second.InitializeMembershipTableAsync(true, CancellationToken.None);

        var entry = MembershipEntries.New();
        Assert.True(await _table.InsertRowAsync(entry, (await second.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        var seenBySecond = await second.ReadAllAsync(CancellationToken.None);
        var (row, etag) = Row(seenBySecond, entry.SiloAddress);
        row.Status = SiloStatus.Active;
        Assert.True(await second.UpdateRowAsync(row, etag, seenBySecond.Version.Next(), CancellationToken.None));

        var seenByFirst = await _table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.Equal(2, seenByFirst.Version.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(seenByFirst.Members).Item1.Status);
    }

    [Fact]
    public async Task Gateway_list_holds_exactly_the_active_rows_that_opened_a_gateway()
    {
        var gateway = MembershipEntries.New(SiloStatus.Active, proxyPort: 30001);
        var noGateway = MembershipEntries.New(SiloStatus.Active, proxyPort: 0);
        var joining = MembershipEntries.New(SiloStatus.Joining, proxyPort: 30002);
        var dead = MembershipEntries.New(SiloStatus.Dead, proxyPort: 30003);
        foreach (var entry in new[] { gateway, noGateway, joining, dead })
        {
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        }

        var provider = TestTables.Gateways(_client, _clusterId);
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);
        var gateways = await provider.GetGatewaysAsync(CancellationToken.None);

        var expected = SiloAddress.New(gateway.SiloAddress.Endpoint.Address, 30001, gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
        Assert.True(provider.IsUpdatable);
    }

    [Fact]
    public async Task An_unreachable_dynamodb_throws_instead_of_answering_false()
    {
        using var nowhere = DynaliteServer.CreateClient($"http://127.0.0.1:{FreePort.Next()}");
        var table = TestTables.Membership(nowhere, _clusterId);
        var version = new TableVersion(0, "initial");

        await Assert.ThrowsAnyAsync<Exception>(() => table.ReadAllAsync(CancellationToken.None));
        var insert = await Record.ExceptionAsync(() => table.InsertRowAsync(MembershipEntries.New(), version.Next(), CancellationToken.None));
        Assert.NotNull(insert);
        var update = await Record.ExceptionAsync(() => table.UpdateRowAsync(MembershipEntries.New(), "etag", version.Next(), CancellationToken.None));
        Assert.NotNull(update);
        Assert.IsNotType<ConditionalCheckFailedException>(update);
    }

    [Fact]
    public async Task Initialization_creates_a_missing_table_with_on_demand_billing()
    {
        var tableName = "auto-" + Guid.NewGuid().ToString("N")[..8];
        var table = TestTables.Membership(_client, _clusterId, TestTables.Options(membershipTable: tableName));

        await table.InitializeMembershipTableAsync(true, CancellationToken.None);
        await table.InitializeMembershipTableAsync(true, CancellationToken.None);

        var description = (await _client.DescribeTableAsync(tableName)).Table;
        Assert.Equal(TableStatus.ACTIVE, description.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, description.BillingModeSummary?.BillingMode);
        var key = Assert.Single(description.KeySchema);
        Assert.Equal(("ClusterId", KeyType.HASH), (key.AttributeName, key.KeyType));
        Assert.Equal(0, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);
    }

    [Fact]
    public async Task Initialization_refuses_a_missing_table_when_creation_is_not_allowed()
    {
        var tableName = "absent-" + Guid.NewGuid().ToString("N")[..8];
        var table = TestTables.Membership(_client, _clusterId, TestTables.Options(membershipTable: tableName, createIfNotExists: false));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => table.InitializeMembershipTableAsync(true, CancellationToken.None));

        Assert.Contains("CreateIfNotExists", error.Message);
        Assert.Contains(tableName, error.Message);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _client.DescribeTableAsync(tableName));
    }

    private static Tuple<MembershipEntry, string> Row(MembershipTableData data, SiloAddress silo) =>
        data.TryGet(silo) ?? throw new Xunit.Sdk.XunitException($"No row for {silo} in {data}.");

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes!.Select(vote => (vote.Item1, vote.Item2)), actual.SuspectTimes!.Select(vote => (vote.Item1, vote.Item2)));
    }
}
