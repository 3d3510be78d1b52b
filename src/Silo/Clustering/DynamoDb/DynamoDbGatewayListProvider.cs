using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Lets an Orleans client find gateways in the same cluster item the silos write: every Active row that opened a
/// gateway (proxy port &gt; 0). The co-hosted MCP front end opens none, so this only matters to external clients.
/// </summary>
public sealed class DynamoDbGatewayListProvider(
    [FromKeyedServices(DynamoDbClusteringExtensions.ClientServiceKey)] IAmazonDynamoDB dynamoDb,
    IOptions<DynamoDbClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    // Nothing to prepare: a client must not create tables, and a missing table surfaces on the first read.
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = options.Value.MembershipTableName,
                Key = MembershipItem.Key(clusterOptions.Value.ClusterId),
                ConsistentRead = true,
            },
            cancellationToken);
        return MembershipItem.ReadRows(response.Item)
            .Select(row => row.Item1)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort > 0)
            .Select(entry => SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
