using Amazon.DynamoDBv2.Model;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Configuration;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SdkEndpointResolutionTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task With_no_endpoint_or_region_configured_the_client_follows_the_standard_aws_environment_variables()
    {
        var variables = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.ServiceUrl,
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        var saved = variables.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var client = DynamoDbClientFactory.Create(new DynamoDbClusteringOptions());
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = "env-resolved",
                BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("Id", Amazon.DynamoDBv2.KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition("Id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            });
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        // The table exists in this dynalite only if the factory's client really went there.
        using var direct = dynalite.CreateClient();
        Assert.Contains("env-resolved", (await direct.ListTablesAsync()).TableNames);
    }
}
