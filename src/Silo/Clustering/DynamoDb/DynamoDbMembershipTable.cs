using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Orleans membership on DynamoDB without transactions: the whole table of a cluster is one item
/// (see <see cref="MembershipItem"/>), so every insert and update is one conditional UpdateItem that checks the
/// table etag (and the row etag or the row's absence) and writes row, version and new etag together.
/// A failed condition is a lost race and answers <c>false</c>; any other error is infrastructure and is thrown.
/// </summary>
public sealed partial class DynamoDbMembershipTable(
    [FromKeyedServices(DynamoDbClusteringExtensions.ClientServiceKey)] IAmazonDynamoDB dynamoDb,
    DynamoDbTableProvisioner provisioner,
    IOptions<DynamoDbClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<ClusterMembershipOptions> membershipOptions,
    ILogger<DynamoDbMembershipTable> logger) : IMembershipTable
{
    // An update expression may be at most 4 KB; ~60 characters per removed row keeps a batch well inside it.
    private const int CleanupBatchSize = 40;
    private const int CleanupAttempts = 3;

    private readonly string _tableName = options.Value.MembershipTableName;
    private readonly string _clusterId = clusterOptions.Value.ClusterId;

    /// <summary>
    /// Orleans calls this once at start-up, without retrying, and a failure stops the silo; so a DynamoDB that cannot be
    /// reached yet is waited for, up to <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/> (the time Orleans
    /// gives its first membership read), and the silo joins once DynamoDB is back.
    /// </summary>
    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) =>
        DynamoDbOutage.WaitOutAsync(
            async () =>
            {
                await provisioner.EnsureTableAsync(
                    _tableName, MembershipItem.ClusterId, options.Value.CreateIfNotExists, $"{DynamoDbClusteringOptions.SectionName}:CreateIfNotExists", cancellationToken);
                if (tryInitTableVersion)
                {
                    await EnsureClusterItemAsync(cancellationToken);
                }
            },
            membershipOptions.Value.MaxJoinAttemptTime,
            $"the membership table {_tableName}",
            logger,
            cancellationToken);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest { TableName = _tableName, Key = MembershipItem.Key(_clusterId), ConsistentRead = true },
            cancellationToken);
        return MembershipItem.ToTableData(response.Item);
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        const string projection = "#version, #etag, #rows.#silo, #heartbeats.#silo";

        // Projecting the one row (and its heartbeat) keeps this read small however many rows the cluster has;
        // it is still one consistent GetItem, so row and version come from the same moment.
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tableName,
                Key = MembershipItem.Key(_clusterId),
                ConsistentRead = true,
                ProjectionExpression = projection,
                ExpressionAttributeNames = NamesUsedIn(key, projection),
            },
            cancellationToken);
        return MembershipItem.ToTableData(response.Item);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        if (tableVersion.VersionEtag == MembershipItem.InitialEtag)
        {
            // The reader saw no item yet; create the empty one so the etag condition below has something to compare.
            await EnsureClusterItemAsync(cancellationToken);
        }

        return await TryWriteRowAsync(
            entry,
            tableVersion,
            "#etag = :expectedEtag AND attribute_not_exists(#rows.#silo)",
            [],
            cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) =>
        TryWriteRowAsync(
            entry,
            tableVersion,
            "#etag = :expectedEtag AND #rows.#silo.#rowEtag = :expectedRowEtag",
            new() { [":expectedRowEtag"] = new AttributeValue { S = etag ?? "" } },
            cancellationToken);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        const string update = "SET #heartbeats.#silo = :alive";
        const string condition = "attribute_exists(#rows.#silo)";
        try
        {
            await UpdateClusterItemAsync(
                update,
                condition,
                NamesUsedIn(entry.SiloAddress, update, condition),
                new() { [":alive"] = new AttributeValue { S = MembershipRowDocument.FormatTime(entry.IAmAliveTime) } },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException exception)
        {
            // A heartbeat for a row that is gone would leave an orphan the etag logic never sees; refuse it loudly.
            throw new OrleansMissingMembershipEntryException(
                $"No membership row for {entry.SiloAddress} in cluster '{_clusterId}' to record a heartbeat on.", exception);
        }
    }

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var cutoff = beforeDate.UtcDateTime;
        for (var attempt = 1; attempt <= CleanupAttempts; attempt++)
        {
            var data = await ReadAllAsync(cancellationToken);
            var defunct = data.Members
                .Where(row => row.Item1.Status == SiloStatus.Dead && row.Item1.IAmAliveTime < cutoff)
                .ToList();
            if (defunct.Count == 0)
            {
                return;
            }

            var allRemoved = true;
            foreach (var batch in defunct.Chunk(CleanupBatchSize))
            {
                allRemoved &= await TryRemoveRowsAsync(batch, cancellationToken);
            }

            if (allRemoved)
            {
                logger.LogInformation("Removed {Count} dead membership rows of cluster {ClusterId} last alive before {Cutoff:O}.", defunct.Count, _clusterId, cutoff);
                return;
            }
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = _tableName, Key = MembershipItem.Key(clusterId) }, cancellationToken);

    // The token-less members Orleans still declares: they forward so there is one implementation of each operation.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    private async Task<bool> TryWriteRowAsync(
        MembershipEntry entry,
        TableVersion tableVersion,
        string condition,
        Dictionary<string, AttributeValue> extraValues,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>(extraValues)
        {
            [":row"] = new AttributeValue
            {
                M = new()
                {
                    [MembershipItem.RowEtag] = new AttributeValue { S = MembershipItem.NewEtag() },
                    [MembershipItem.RowEntry] = new AttributeValue { S = MembershipRowDocument.Serialize(entry) },
                },
            },
            [":version"] = new AttributeValue { N = tableVersion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [":newEtag"] = new AttributeValue { S = MembershipItem.NewEtag() },
            [":expectedEtag"] = new AttributeValue { S = tableVersion.VersionEtag ?? "" },
        };
        const string update = "SET #rows.#silo = :row, #version = :version, #etag = :newEtag";
        try
        {
            await UpdateClusterItemAsync(update, condition, NamesUsedIn(entry.SiloAddress, update, condition), values, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            logger.LogDebug("Membership write for {Silo} lost a race (table version {Version}); the caller re-reads.", entry.SiloAddress, tableVersion.Version);
            return false;
        }
    }

    private async Task<bool> TryRemoveRowsAsync(IReadOnlyList<Tuple<MembershipEntry, string>> rows, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#rows"] = MembershipItem.Rows, ["#heartbeats"] = MembershipItem.Heartbeats, ["#rowEtag"] = MembershipItem.RowEtag };
        var values = new Dictionary<string, AttributeValue>();
        var removals = new List<string>();
        var conditions = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            names[$"#s{i}"] = rows[i].Item1.SiloAddress.ToParsableString();
            values[$":e{i}"] = new AttributeValue { S = rows[i].Item2 };
            removals.Add($"#rows.#s{i}, #heartbeats.#s{i}");

            // Dead is final in Orleans, but the etag guard still keeps a concurrent rewrite of the row from being lost.
            conditions.Add($"#rows.#s{i}.#rowEtag = :e{i}");
        }

        try
        {
            // The table version is left alone, as Orleans' own providers do: removing long-dead rows changes no live view.
            await UpdateClusterItemAsync("REMOVE " + string.Join(", ", removals), string.Join(" AND ", conditions), names, values, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Every write to the cluster's one item is a conditional UpdateItem; a failed condition surfaces as
    /// <see cref="ConditionalCheckFailedException"/> for the caller to read as a lost race or a missing row.
    /// </summary>
    private Task UpdateClusterItemAsync(
        string update,
        string condition,
        Dictionary<string, string> names,
        Dictionary<string, AttributeValue> values,
        CancellationToken cancellationToken) =>
        dynamoDb.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _tableName,
                Key = MembershipItem.Key(_clusterId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
            cancellationToken);

    private async Task EnsureClusterItemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _tableName,
                    Item = MembershipItem.Empty(_clusterId),
                    ConditionExpression = "attribute_not_exists(#cluster)",
                    ExpressionAttributeNames = new() { ["#cluster"] = MembershipItem.ClusterId },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already there (another silo, or an earlier start): never overwrite a live table.
        }
    }

    /// <summary>
    /// Every attribute name goes through a placeholder (<c>Rows</c> is a reserved word, silo addresses contain ':' and '@'),
    /// and DynamoDB rejects placeholders an expression does not use, so only the used ones are sent.
    /// </summary>
    private static Dictionary<string, string> NamesUsedIn(SiloAddress silo, params string[] expressions)
    {
        var all = new Dictionary<string, string>
        {
            ["#version"] = MembershipItem.Version,
            ["#etag"] = MembershipItem.VersionEtag,
            ["#rows"] = MembershipItem.Rows,
            ["#heartbeats"] = MembershipItem.Heartbeats,
            ["#rowEtag"] = MembershipItem.RowEtag,
            ["#silo"] = silo.ToParsableString(),
        };
        var used = expressions.SelectMany(expression => PlaceholderPattern().Matches(expression).Select(match => match.Value)).ToHashSet(StringComparer.Ordinal);
        return all.Where(pair => used.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    [GeneratedRegex("#[A-Za-z0-9_]+")]
    private static partial Regex PlaceholderPattern();
}
