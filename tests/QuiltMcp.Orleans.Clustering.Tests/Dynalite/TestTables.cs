using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Dynalite;

/// <summary>Builds the production membership table against a dynalite client, the way DI would.</summary>
public static class TestTables
{
    public static DynamoDbClusteringOptions Options(string membershipTable = "membership", bool createIfNotExists = true) => new()
    {
        MembershipTableName = membershipTable,
        CreateIfNotExists = createIfNotExists,
    };

    public static DynamoDbMembershipTable Membership(
        IAmazonDynamoDB client, string clusterId, DynamoDbClusteringOptions? options = null, ClusterMembershipOptions? membership = null, ILogger<DynamoDbMembershipTable>? logger = null) => new(
        client,
        new DynamoDbTableProvisioner(client, NullLogger<DynamoDbTableProvisioner>.Instance),
        Microsoft.Extensions.Options.Options.Create(options ?? Options()),
        Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }),
        Microsoft.Extensions.Options.Options.Create(membership ?? new ClusterMembershipOptions()),
        logger ?? NullLogger<DynamoDbMembershipTable>.Instance);

    public static DynamoDbGatewayListProvider Gateways(IAmazonDynamoDB client, string clusterId, DynamoDbClusteringOptions? options = null) => new(
        client,
        Microsoft.Extensions.Options.Options.Create(options ?? Options()),
        Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }),
        Microsoft.Extensions.Options.Options.Create(new GatewayOptions()));
}
