using Amazon.DynamoDBv2.Model;
using Orleans;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// The layout of the one item per cluster that holds its whole membership table.
/// <code>
/// ClusterId   S  hash key
/// Version     N  table version
/// VersionEtag S  changes with every insert/update, so a stale TableVersion fails the condition
/// Rows        M  silo address → { Etag S, Entry S (compact JSON of the row) }
/// Heartbeats  M  silo address → S (UTC ISO-8601 IAmAlive time)
/// </code>
/// Keeping rows, version and etag in one item is what makes "change the row and advance the version" a single
/// conditional UpdateItem, atomic without transactions, and a consistent GetItem a snapshot of both.
/// Heartbeats sit in their own map so that writing one touches neither a row's etag nor the table etag.
/// Size: a row is about 0.6 KB (JSON ~0.4 KB with a few suspect votes, key and etag) plus ~0.05 KB of heartbeat,
/// so 100 rows (a large ECS service plus the dead rows of recent deploys, which cleanup removes) is ~65 KB,
/// a sixth of the 400 KB item limit; the limit itself is reached only near 600 rows.
/// </summary>
internal static class MembershipItem
{
    public const string ClusterId = "ClusterId";
    public const string Version = "Version";
    public const string VersionEtag = "VersionEtag";
    public const string Rows = "Rows";
    public const string Heartbeats = "Heartbeats";
    public const string RowEtag = "Etag";
    public const string RowEntry = "Entry";

    /// <summary>The etag a cluster without an item reports, so the first insert can be conditioned like any other.</summary>
    public const string InitialEtag = "initial";

    public static Dictionary<string, AttributeValue> Key(string clusterId) => new() { [ClusterId] = new AttributeValue { S = clusterId } };

    public static Dictionary<string, AttributeValue> Empty(string clusterId) => new()
    {
        [ClusterId] = new AttributeValue { S = clusterId },
        [Version] = new AttributeValue { N = "0" },
        [VersionEtag] = new AttributeValue { S = InitialEtag },
        [Rows] = new AttributeValue { M = [] },
        [Heartbeats] = new AttributeValue { M = [] },
    };

    public static string NewEtag() => Guid.NewGuid().ToString("N")[..16];

    public static TableVersion ReadVersion(Dictionary<string, AttributeValue>? item) =>
        item is null || item.Count == 0
            ? new TableVersion(0, InitialEtag)
            : new TableVersion(int.Parse(item[Version].N, System.Globalization.CultureInfo.InvariantCulture), item[VersionEtag].S);

    /// <summary>Rows with their etags; a row's alive time is the later of its own and its latest heartbeat.</summary>
    public static List<Tuple<MembershipEntry, string>> ReadRows(Dictionary<string, AttributeValue>? item)
    {
        var rows = new List<Tuple<MembershipEntry, string>>();
        if (item is null || !item.TryGetValue(Rows, out var rowMap) || rowMap.M is null)
        {
            return rows;
        }

        var heartbeats = item.TryGetValue(Heartbeats, out var heartbeatMap) ? heartbeatMap.M : null;
        foreach (var (siloKey, row) in rowMap.M)
        {
            var entry = MembershipRowDocument.Deserialize(row.M[RowEntry].S);
            if (heartbeats is not null && heartbeats.TryGetValue(siloKey, out var heartbeat))
            {
                var beat = MembershipRowDocument.ParseTime(heartbeat.S);
                if (beat > entry.IAmAliveTime)
                {
                    entry.IAmAliveTime = beat;
                }
            }

            rows.Add(Tuple.Create(entry, row.M[RowEtag].S));
        }

        return rows;
    }

    public static MembershipTableData ToTableData(Dictionary<string, AttributeValue>? item) => new(ReadRows(item), ReadVersion(item));
}
