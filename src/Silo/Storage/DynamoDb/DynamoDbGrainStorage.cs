using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>
/// Grain state in DynamoDB, one item per (service, state name, grain):
/// <code>
/// Id        S  hash key "{ServiceId}/{stateName}/{grainId}"
/// Etag      S  new random value on every write; writes are conditioned on the etag the grain last saw
/// State     B  the state, serialized by Orleans' configured grain storage serializer
/// ExpiresAt N  epoch seconds; the table's TTL attribute, pushed forward by TimeToLive on every write
/// </code>
/// A lost etag race throws <see cref="InconsistentStateException"/>, which Orleans answers by deactivating the grain
/// so its next activation reads the winner's state.
/// </summary>
public sealed class DynamoDbGrainStorage(
    string name,
    DynamoDbGrainStorageOptions options,
    [FromKeyedServices(DynamoDbClusteringExtensions.ClientServiceKey)] IAmazonDynamoDB dynamoDb,
    DynamoDbTableProvisioner provisioner,
    IOptions<ClusterOptions> clusterOptions,
    IGrainStorageSerializer serializer,
    IActivatorProvider activatorProvider,
    TimeProvider timeProvider,
    ILogger<DynamoDbGrainStorage> logger) : IGrainStorage
{
    public const string IdAttribute = "Id";
    public const string EtagAttribute = "Etag";
    public const string StateAttribute = "State";
    public const string ExpiresAtAttribute = "ExpiresAt";

    private readonly string _tableName = options.TableName;
    private Task? _ready;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();

        // Strongly consistent: the etag handed to the grain must be the current one, or its next write fails spuriously.
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest { TableName = _tableName, Key = Key(stateName, grainId), ConsistentRead = true },
            cancellationToken);
        var item = response.Item;
        if (item is null || item.Count == 0)
        {
            Reset(grainState, etag: null);
            return;
        }

        if (IsExpired(item))
        {
            // TTL deletion lags by up to days; an expired item is gone as far as the grain is concerned. Its etag is
            // kept so the grain's next write replaces the leftover instead of colliding with it.
            Reset(grainState, item[EtagAttribute].S);
            return;
        }

        grainState.State = serializer.Deserialize<T>(BinaryData.FromBytes(item[StateAttribute].B.ToArray()));
        grainState.ETag = item[EtagAttribute].S;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var newEtag = Guid.NewGuid().ToString("N");
        var expiresAt = timeProvider.GetUtcNow().Add(options.TimeToLive).ToUnixTimeSeconds();
        var item = Key(stateName, grainId);
        item[EtagAttribute] = new AttributeValue { S = newEtag };
        item[StateAttribute] = new AttributeValue { B = new MemoryStream(serializer.Serialize(grainState.State).ToArray()) };
        item[ExpiresAtAttribute] = new AttributeValue { N = expiresAt.ToString(CultureInfo.InvariantCulture) };

        var condition = EtagCondition.For(grainState.ETag);
        try
        {
            await dynamoDb.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _tableName,
                    Item = item,
                    ConditionExpression = condition.Expression,
                    ExpressionAttributeNames = condition.Names,
                    ExpressionAttributeValues = condition.Values,
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException exception)
        {
            throw Conflict("write", stateName, grainId, grainState.ETag, exception);
        }

        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();

        // Clearing deletes the item (nothing of the grain is kept, not even for the TTL to find), still guarded by the
        // etag so a clear cannot wipe out a write it has not seen.
        var condition = EtagCondition.For(grainState.ETag);
        try
        {
            await dynamoDb.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _tableName,
                    Key = Key(stateName, grainId),
                    ConditionExpression = condition.Expression,
                    ExpressionAttributeNames = condition.Names,
                    ExpressionAttributeValues = condition.Values,
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException exception)
        {
            throw Conflict("clear", stateName, grainId, grainState.ETag, exception);
        }

        Reset(grainState, etag: null);
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? expectedEtag, Exception inner)
    {
        logger.LogWarning("Grain state {Operation} of {StateName} for {GrainId} in storage {Storage} lost an etag race.", operation, stateName, grainId, name);
        return new InconsistentStateException(
            $"The {operation} of grain state '{stateName}' for {grainId} in storage '{name}' expected etag '{expectedEtag ?? "(no record)"}', but the stored record differs.",
            storedEtag: "unknown",
            currentEtag: expectedEtag ?? "",
            inner);
    }

    private void Reset<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = activatorProvider.GetActivator<T>().Create();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private bool IsExpired(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(ExpiresAtAttribute, out var expiresAt)
        && expiresAt.N is { } seconds
        && long.Parse(seconds, CultureInfo.InvariantCulture) <= timeProvider.GetUtcNow().ToUnixTimeSeconds();

    private Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) => new()
    {
        [IdAttribute] = new AttributeValue { S = $"{clusterOptions.Value.ServiceId}/{stateName}/{grainId}" },
    };

    // Shared by every call, so it runs without a caller's token; a failed attempt is retried by the next call.
    private Task EnsureReadyAsync()
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = PrepareTableAsync();
            Volatile.Write(ref _ready, ready);
        }

        return ready;
    }

    private async Task PrepareTableAsync()
    {
        await provisioner.EnsureTableAsync(
            _tableName, IdAttribute, options.CreateIfNotExists, $"{DynamoDbGrainStorageOptions.SectionName}:CreateIfNotExists", CancellationToken.None);
        if (options.CreateIfNotExists)
        {
            await EnableTimeToLiveAsync();
        }
    }

    private async Task EnableTimeToLiveAsync()
    {
        try
        {
            var description = await dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = _tableName });
            var status = description.TimeToLiveDescription?.TimeToLiveStatus;
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
            {
                return;
            }

            await dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = _tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAtAttribute, Enabled = true },
            });
        }
        catch (AmazonDynamoDBException exception)
        {
            // Not fatal: reads already treat expired items as absent; only the automatic deletion is missing.
            logger.LogWarning(exception, "Could not enable TTL on attribute {Attribute} of DynamoDB table {TableName}; expired grain state will not be deleted automatically.", ExpiresAtAttribute, _tableName);
        }
    }

    /// <summary>The guard every write and clear carries: the record is still the one the grain last saw.</summary>
    private sealed record EtagCondition(string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values)
    {
        public static EtagCondition For(string? expectedEtag) =>
            expectedEtag is null

                // The grain believes there is no record; anything there now was written by someone else.
                ? new("attribute_not_exists(#id)", new() { ["#id"] = IdAttribute }, null)
                : new("#etag = :etag", new() { ["#etag"] = EtagAttribute }, new() { [":etag"] = new AttributeValue { S = expectedEtag } });
    }
}
