using Amazon;
using Amazon.DynamoDBv2;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Builds the one DynamoDB client the membership table, gateway list and grain storage share.
/// Only what the operator set explicitly is applied; everything else (credentials, region, endpoint)
/// is left to the SDK's standard resolution so ECS task roles and <c>AWS_ENDPOINT_URL_DYNAMODB</c> work unchanged.
/// </summary>
public static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbClusteringOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            // Setting ServiceURL after RegionEndpoint keeps the URL as the endpoint; the region then only names
            // the signing scope, which a custom endpoint cannot imply.
            config.ServiceURL = options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }

        return new AmazonDynamoDBClient(config);
    }
}
