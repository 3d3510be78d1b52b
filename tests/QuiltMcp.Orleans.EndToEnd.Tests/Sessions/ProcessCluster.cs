using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Real <c>quilt-mcp</c> processes clustered through DynamoDB membership and grain storage on one dynalite, with a
/// counting STS: what an ECS service of several tasks is, on loopback. Failure detection is tuned to seconds.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];
    private readonly IReadOnlyDictionary<string, string?> _environment;

    private ProcessCluster(DynaliteServer dynamo, FakeSts sts, IReadOnlyDictionary<string, string?> environment)
    {
        Dynamo = dynamo;
        Sts = sts;
        _environment = environment;
    }

    public DynaliteServer Dynamo { get; }

    public FakeSts Sts { get; }

    public string ClusterId { get; } = $"e2e-{Guid.NewGuid():N}"[..16];

    public IReadOnlyList<ServerProcess> Servers => _servers;

    /// <param name="environment">Settings every process of this cluster gets on top of the cluster's own.</param>
    public static Task<ProcessCluster> CreateAsync(IReadOnlyDictionary<string, string?>? environment = null) =>
        CreateAsync(new DynaliteServer(), environment);

    /// <summary>A cluster on the given (not yet started) dynalite: one that keeps its data on disk can go down and come back.</summary>
    /// <param name="environment">Settings every process of this cluster gets on top of the cluster's own.</param>
    public static async Task<ProcessCluster> CreateAsync(DynaliteServer dynamo, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await dynamo.InitializeAsync();
        return new ProcessCluster(dynamo, await FakeSts.StartAsync(), environment ?? new Dictionary<string, string?>());
    }

    /// <summary>Starts one more process and waits until it is ready; its <see cref="ServerProcess.SiloPort"/> finds its membership row.</summary>
    public async Task<ServerProcess> StartAsync()
    {
        var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(Environment()));
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// The options a process of this cluster starts with, with <paramref name="overrides"/> on top: for a process that is
    /// meant not to fit in (another certificate, TLS off), started by the test with <see cref="ServerProcess.Start"/>.
    /// </summary>
    public ServerProcessOptions OptionsWith(IReadOnlyDictionary<string, string?> overrides)
    {
        var environment = Environment();
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        return ServerProcessDefaults.Http(environment);
    }

    /// <summary>Starts several processes: the first alone (it creates the tables), then the rest together.</summary>
    public async Task StartAsync(int count)
    {
        await StartAsync();
        var starting = Enumerable.Range(1, count - 1).Select(_ => ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(Environment()))).ToArray();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Those that did start are stopped with the cluster, even when another failed.
            _servers.AddRange(starting.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
        }
    }

    /// <summary>
    /// The status (Orleans' <see cref="global::Orleans.Runtime.SiloStatus"/>) of the silo on <paramref name="siloPort"/>
    /// in the membership item, or null when it has no row (never written, or removed by defunct-silo cleanup).
    /// </summary>
    public async Task<global::Orleans.Runtime.SiloStatus?> MembershipStatusAsync(int siloPort)
    {
        using var client = Dynamo.CreateClient();
        var item = await client.GetItemAsync(new GetItemRequest
        {
            TableName = "quilt-mcp-membership",
            Key = new() { ["ClusterId"] = new AttributeValue { S = ClusterId } },
            ConsistentRead = true,
        });
        var entry = item.Item?["Rows"].M?.Where(pair => pair.Key.Contains($":{siloPort}@", StringComparison.Ordinal))
            .Select(pair => pair.Value.M["Entry"].S).FirstOrDefault();
        return entry is null
            ? null
            : (global::Orleans.Runtime.SiloStatus)JsonDocument.Parse(entry).RootElement.GetProperty("st").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Dynamo.DisposeAsync();
        await Sts.DisposeAsync();
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = ClusterEnvironment();
        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string?> ClusterEnvironment() => new()
    {
        ["Cluster__Clustering"] = "dynamodb",
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__DynamoDb__ServiceUrl"] = Dynamo.ServiceUrl,
        ["Cluster__DynamoDb__Region"] = "us-east-1",
        ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
        ["Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Cluster__Membership__DefunctSiloMinimumRetention"] = "00:00:03",
        ["Cluster__Membership__DefunctSiloExpiration"] = "00:00:03",
        ["Cluster__Membership__DefunctSiloCleanupPeriod"] = "00:00:02",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["Aws__StsServiceUrl"] = Sts.Url.ToString(),
        ["Roles__AccountId"] = FakeSts.AccountId,
    };
}
