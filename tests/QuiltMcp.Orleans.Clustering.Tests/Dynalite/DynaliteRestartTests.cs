using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace QuiltMcp.Orleans.Clustering.Tests.Dynalite;

/// <summary>
/// The test kit's DynamoDB outage, which the end-to-end outage test relies on: a dynalite that keeps its data on disk
/// stops (clients cannot connect), then comes back on the same port with the items written before.
/// </summary>
public sealed class DynaliteRestartTests : IAsyncLifetime
{
    private readonly DynaliteServer _dynalite = new() { KeepsDataOnDisk = true };

    public Task InitializeAsync() => _dynalite.InitializeAsync();

    public Task DisposeAsync() => _dynalite.DisposeAsync();

    [Fact]
    public async Task A_dynalite_that_keeps_its_data_comes_back_on_its_port_with_its_items_after_an_outage()
    {
        using var client = _dynalite.CreateClient();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "outage",
            KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await client.PutItemAsync("outage", new Dictionary<string, AttributeValue> { ["Id"] = new("before"), ["Value"] = new("kept") });
        var port = _dynalite.Port;

        await _dynalite.StopAsync();

        Assert.False(_dynalite.IsRunning);
        var unreachable = await Assert.ThrowsAnyAsync<Exception>(() => client.GetItemAsync("outage", Key("before")));
        Assert.True(unreachable is HttpRequestException || unreachable.InnerException is HttpRequestException, unreachable.ToString());

        await _dynalite.StartAgainAsync();

        Assert.Equal(port, _dynalite.Port);
        var item = await client.GetItemAsync(new GetItemRequest { TableName = "outage", Key = Key("before"), ConsistentRead = true });
        Assert.Equal("kept", item.Item["Value"].S);
        await client.PutItemAsync("outage", new Dictionary<string, AttributeValue> { ["Id"] = new("after"), ["Value"] = new("written") });
        Assert.Equal("written", (await client.GetItemAsync("outage", Key("after"))).Item["Value"].S);
    }

    [Fact]
    public async Task A_dynalite_in_memory_refuses_to_start_again_rather_than_come_back_empty()
    {
        var inMemory = new DynaliteServer();
        await inMemory.InitializeAsync();
        try
        {
            await inMemory.StopAsync();

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(inMemory.StartAgainAsync);

            Assert.Contains("KeepsDataOnDisk", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await inMemory.DisposeAsync();
        }
    }

    private static Dictionary<string, AttributeValue> Key(string id) => new() { ["Id"] = new AttributeValue(id) };
}
