using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Cluster;

/// <summary>The TestCluster's client finds its gateways through the production gateway list provider.</summary>
public sealed class DynamoDbClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var serviceUrl = configuration[DynamoDbSiloConfigurator.DynaliteUrlKey] ?? throw new InvalidOperationException($"{DynamoDbSiloConfigurator.DynaliteUrlKey} is not set.");
        clientBuilder.Services.AddKeyedSingleton<IAmazonDynamoDB>(DynamoDbClusteringExtensions.ClientServiceKey, (_, _) => DynaliteServer.CreateClient(serviceUrl));
        clientBuilder.UseDynamoDbClustering(options => options.Configure(o => o.MembershipTableName = "cluster-membership"));
    }
}
