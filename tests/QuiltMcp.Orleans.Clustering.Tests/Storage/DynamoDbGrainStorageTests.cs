using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;
using QuiltMcp.Orleans.Silo.Storage.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Storage;

public sealed class DynamoDbGrainStorageTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>, IDisposable
{
    private const string StateName = "session";
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(12);

    private readonly IAmazonDynamoDB _client = dynalite.CreateClient();
    private readonly ServiceProvider _serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly GrainId _grainId = GrainId.Create("session", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _client.Dispose();
        _serialization.Dispose();
    }

    [Fact]
    public async Task State_written_is_read_back_and_clearing_removes_it()
    {
        var storage = CreateStorage();
        var written = new GrainState<SessionState> { State = new SessionState { ClientName = "claude", Requests = 3, Capabilities = ["sampling", "roots"] } };

        await storage.WriteStateAsync(StateName, _grainId, written);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        var read = new GrainState<SessionState>();
        await CreateStorage().ReadStateAsync(StateName, _grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(("claude", 3), (read.State!.ClientName, read.State.Requests));
        Assert.Equal(["sampling", "roots"], read.State.Capabilities);

        await storage.ClearStateAsync(StateName, _grainId, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State!.Requests);
        var afterClear = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, _grainId, afterClear);
        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.ETag);
        Assert.Equal("", afterClear.State!.ClientName);
        Assert.Null((await GetRawItemAsync()));
    }

    [Fact]
    public async Task A_write_with_an_outdated_etag_raises_inconsistent_state_and_keeps_the_winner()
    {
        var storage = CreateStorage();
        await storage.WriteStateAsync(StateName, _grainId, new GrainState<SessionState> { State = new SessionState { Requests = 1 } });
        var first = new GrainState<SessionState>();
        var second = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, _grainId, first);
        await storage.ReadStateAsync(StateName, _grainId, second);

        first.State!.Requests = 2;
        await storage.WriteStateAsync(StateName, _grainId, first);
        second.State!.Requests = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grainId, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, _grainId, second));

        // A grain that believes there is no record must not overwrite one either.
        var fresh = new GrainState<SessionState> { State = new SessionState { Requests = 7 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grainId, fresh));

        var current = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, _grainId, current);
        Assert.Equal(2, current.State!.Requests);
        Assert.Equal(first.ETag, current.ETag);
    }

    [Fact]
    public async Task Every_write_sets_the_ttl_attribute_and_expired_state_reads_as_absent()
    {
        var storage = CreateStorage();
        var state = new GrainState<SessionState> { State = new SessionState { Requests = 1 } };
        await storage.WriteStateAsync(StateName, _grainId, state);
        Assert.Equal((_clock.GetUtcNow() + TimeToLive).ToUnixTimeSeconds(), await ReadExpiresAtAsync());

        _clock.Advance(TimeSpan.FromHours(1));
        state.State!.Requests = 2;
        await storage.WriteStateAsync(StateName, _grainId, state);
        Assert.Equal((_clock.GetUtcNow() + TimeToLive).ToUnixTimeSeconds(), await ReadExpiresAtAsync());

        // Past the lifetime, before DynamoDB's TTL sweeper got to it: gone for the grain, and writable again.
        _clock.Advance(TimeToLive);
        var expired = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, _grainId, expired);
        Assert.False(expired.RecordExists);
        Assert.Equal(0, expired.State!.Requests);

        expired.State!.Requests = 5;
        await storage.WriteStateAsync(StateName, _grainId, expired);
        var revived = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, _grainId, revived);
        Assert.True(revived.RecordExists);
        Assert.Equal(5, revived.State!.Requests);
    }

    [Fact]
    public async Task The_same_grain_in_two_services_has_separate_state()
    {
        await CreateStorage(serviceId: "service-a").WriteStateAsync(StateName, _grainId, new GrainState<SessionState> { State = new SessionState { Requests = 1 } });

        var other = new GrainState<SessionState>();
        await CreateStorage(serviceId: "service-b").ReadStateAsync(StateName, _grainId, other);

        Assert.False(other.RecordExists);
    }

    private DynamoDbGrainStorage CreateStorage(string serviceId = "service") => new(
        "test-storage",
        _client,
        new DynamoDbTableProvisioner(_client, NullLogger<DynamoDbTableProvisioner>.Instance),
        Microsoft.Extensions.Options.Options.Create(new DynamoDbClusteringOptions { GrainStateTableName = "grain-state", GrainStateTimeToLive = TimeToLive }),
        Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = "cluster", ServiceId = serviceId }),
        new OrleansGrainStorageSerializer(_serialization.GetRequiredService<Serializer>()),
        _serialization.GetRequiredService<IActivatorProvider>(),
        _clock,
        NullLogger<DynamoDbGrainStorage>.Instance);

    private async Task<Dictionary<string, AttributeValue>?> GetRawItemAsync()
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = "grain-state",
            Key = new() { [DynamoDbGrainStorage.IdAttribute] = new AttributeValue { S = $"service/{StateName}/{_grainId}" } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<long> ReadExpiresAtAsync()
    {
        var item = await GetRawItemAsync() ?? throw new Xunit.Sdk.XunitException("No grain state item was written.");
        return long.Parse(item[DynamoDbGrainStorage.ExpiresAtAttribute].N, System.Globalization.CultureInfo.InvariantCulture);
    }
}
