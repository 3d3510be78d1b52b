using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;
using QuiltMcp.Orleans.Silo.Storage;
using QuiltMcp.Orleans.Silo.Storage.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Cluster;

/// <summary>
/// Each TestCluster silo joins through the production DynamoDB membership table on dynalite, keeps grain state in the
/// production DynamoDB grain storage, and uses membership timings short enough to see a death in seconds.
/// </summary>
public sealed class DynamoDbSiloConfigurator : ISiloConfigurator
{
    public const string DynaliteUrlKey = "Test:DynaliteUrl";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var serviceUrl = siloBuilder.Configuration[DynaliteUrlKey] ?? throw new InvalidOperationException($"{DynaliteUrlKey} is not set.");

        // Registered before UseDynamoDbClustering, whose own client registration then stands aside.
        siloBuilder.Services.AddKeyedSingleton<IAmazonDynamoDB>(DynamoDbClusteringExtensions.ClientServiceKey, (_, _) => DynaliteServer.CreateClient(serviceUrl));
        siloBuilder.UseDynamoDbClustering(options => options.Configure(o => o.MembershipTableName = "cluster-membership"));
        siloBuilder.AddDynamoDbGrainStorage(GrainStorageNames.McpSessions, options => options.Configure(o => o.TableName = "cluster-grain-state"));

        // Ports from the shared allocator rather than TestCluster's fixed base ports; other engineers' tests share the machine.
        siloBuilder.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = FreePort.Next();
            endpoints.GatewayPort = FreePort.Next();
            endpoints.SiloListeningEndpoint = null;
            endpoints.GatewayListeningEndpoint = null;
        });
        siloBuilder.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        });
    }
}
