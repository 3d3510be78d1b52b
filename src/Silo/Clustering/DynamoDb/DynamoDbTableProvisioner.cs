using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Makes sure a table with a single string hash key exists before it is used. Describes first, so a task role
/// without <c>dynamodb:CreateTable</c> works against tables provisioned by IaC, and creates (on-demand billing)
/// only when the table is missing and creation is allowed.
/// </summary>
public sealed class DynamoDbTableProvisioner(
    [FromKeyedServices(DynamoDbClusteringExtensions.ClientServiceKey)] IAmazonDynamoDB dynamoDb,
    ILogger<DynamoDbTableProvisioner> logger)
{
    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    /// <param name="tableName">The table.</param>
    /// <param name="hashKeyName">Its string hash key, for a table this creates.</param>
    /// <param name="createIfNotExists">Whether a missing table may be created.</param>
    /// <param name="createSetting">The setting that allows creation, named in the error when it does not.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task EnsureTableAsync(string tableName, string hashKeyName, bool createIfNotExists, string createSetting, CancellationToken cancellationToken)
    {
        var status = await DescribeStatusAsync(tableName, cancellationToken);
        if (status is null)
        {
            if (!createIfNotExists)
            {
                throw new InvalidOperationException(
                    $"DynamoDB table '{tableName}' does not exist and {createSetting} is false; create it with string hash key '{hashKeyName}'.");
            }

            await CreateAsync(tableName, hashKeyName, cancellationToken);
        }

        await WaitUntilActiveAsync(tableName, cancellationToken);
    }

    private async Task CreateAsync(string tableName, string hashKeyName, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    KeySchema = [new KeySchemaElement(hashKeyName, KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition(hashKeyName, ScalarAttributeType.S)],
                },
                cancellationToken);
            logger.LogInformation("Created DynamoDB table {TableName} (on-demand billing).", tableName);
        }
        catch (ResourceInUseException)
        {
            // Another silo starting at the same moment created it first: that is the outcome we wanted.
        }
    }

    private async Task WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ActiveTimeout;
        while (await DescribeStatusAsync(tableName, cancellationToken) != TableStatus.ACTIVE)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"DynamoDB table '{tableName}' did not become ACTIVE within {ActiveTimeout}.");
            }

            await Task.Delay(ActivePollInterval, cancellationToken);
        }
    }

    private async Task<TableStatus?> DescribeStatusAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            return response.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
