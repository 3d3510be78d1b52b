using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;
using QuiltMcp.Orleans.Testing.Aws.DynamoDb;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// quilt-mcp on DynamoDB membership (dynalite): the tools-call load against one process, then against two
/// processes of one cluster with the sessions split between them. Both on the same machine, so on a small box
/// the second process competes for the same cores; the ratio says how the work splits, not how a cluster of
/// separate machines scales.
/// </summary>
public sealed class ClusterScenario(BenchServerStarter starter, LoadSettings settings)
{
    public const string Name = "cluster";

    public async Task<IReadOnlyList<RunResult>> RunAsync()
    {
        // The test kit's dynalite: it binds a port itself and reports it, so nothing can take the port in between.
        var dynalite = new DynaliteServer();
        await dynalite.InitializeAsync();
        try
        {
            return await RunOnAsync(dynalite);
        }
        finally
        {
            await dynalite.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<RunResult>> RunOnAsync(DynaliteServer dynalite)
    {
        var results = new List<RunResult>();
        foreach (var processes in new[] { 1, 2 })
        {
            var environment = ClusterEnvironment(dynalite, $"bench-{processes}-{Environment.ProcessId}");
            // Started together, as an ECS service starts its tasks; each waits for its own /ready.
            var starting = Enumerable.Range(0, processes).Select(_ => starter.StartReadyAsync(ServerKind.Ours, environment)).ToList();
            var servers = new List<ServerProcess>();
            try
            {
                try
                {
                    await Task.WhenAll(starting);
                }
                finally
                {
                    servers.AddRange(starting.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
                }

                var endpoints = servers.Select(server => server.McpUri).ToList();
                var membership = await ClusterCheck.DescribeAsync(endpoints, Mcp.BenchTokens.ForPrincipals(1, settings.TokenSecret)[0]);
                var outcome = await ToolCallLoad.RunAsync(endpoints, settings);
                var rss = servers.Sum(server => server.RssKb ?? 0);
                results.Add(Report.FromLoop(Name, ServerKind.Ours, outcome, settings, rss, processes) with
                {
                    Note = (processes == 1 ? "dynamodb membership, one silo; " : "dynamodb membership, two silos on one host, rss_kb is the sum; ") + membership,
                });
            }
            finally
            {
                await Task.WhenAll(servers.Select(server => server.DisposeAsync().AsTask()));
            }
        }

        return results;
    }

    private static Dictionary<string, string?> ClusterEnvironment(DynaliteServer dynalite, string clusterId) => new()
    {
        ["Cluster__Clustering"] = "dynamodb",
        ["Cluster__ClusterId"] = clusterId,
        ["Cluster__ServiceId"] = clusterId,
        ["Cluster__DynamoDb__ServiceUrl"] = dynalite.ServiceUrl,
        ["Cluster__DynamoDb__Region"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
    };
}
