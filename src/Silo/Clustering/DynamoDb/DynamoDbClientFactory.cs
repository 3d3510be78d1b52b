using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Builds the one DynamoDB client the membership table, gateway list and grain storage share, with its attempts and
/// per-attempt time bounded (<see cref="DynamoDbClusteringOptions.MaxAttempts"/>, <see cref="DynamoDbClusteringOptions.Timeout"/>).
/// Otherwise only what the operator set explicitly is applied; everything else (credentials, region, endpoint)
/// is left to the SDK's standard resolution so ECS task roles and <c>AWS_ENDPOINT_URL_DYNAMODB</c> work unchanged.
/// </summary>
public static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbClusteringOptions options)
    {
        // Retries and time are bounded explicitly rather than left to the SDK's DynamoDB defaults (see the options).
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxAttempts - 1,
            Timeout = options.Timeout,
        };
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
