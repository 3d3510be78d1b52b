using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class McpSessionGrainTests(ClusterFixture fixture)
{
    private IMcpSessionGrain Session(string id) => fixture.Cluster.GrainFactory.GetGrain<IMcpSessionGrain>(id);

    [Fact]
    public async Task An_unknown_session_has_no_record()
    {
        Assert.Null(await Session(Guid.NewGuid().ToString("N")).GetAsync());
    }

    [Fact]
    public async Task The_record_survives_deactivation_of_every_grain()
    {
        var id = Guid.NewGuid().ToString("N");
        var record = Record("jwt|quilt-frontend|alice", """{"protocolVersion":"2025-11-25"}""");
        Assert.True(await Session(id).RecordAsync(record));

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(record, await Session(id).GetAsync());
    }

    [Fact]
    public async Task Another_principal_cannot_take_over_a_session()
    {
        var id = Guid.NewGuid().ToString("N");
        var original = Record("jwt|quilt-frontend|alice", """{"protocolVersion":"2025-11-25"}""");
        await Session(id).RecordAsync(original);

        var hijack = await Session(id).RecordAsync(Record("jwt|quilt-frontend|mallory", """{"protocolVersion":"2025-06-18"}"""));

        Assert.False(hijack);
        Assert.Equal(original, await Session(id).GetAsync());
    }

    [Fact]
    public async Task The_owner_may_record_again_and_the_newest_parameters_win()
    {
        var id = Guid.NewGuid().ToString("N");
        await Session(id).RecordAsync(Record("jwt|i|bob", """{"protocolVersion":"2025-06-18"}"""));
        Assert.True(await Session(id).RecordAsync(Record("jwt|i|bob", """{"protocolVersion":"2025-11-25"}""")));
        Assert.Contains("2025-11-25", (await Session(id).GetAsync())!.InitializeParametersJson);
    }

    private static McpSessionRecord Record(string owner, string json) => new()
    {
        OwnerPrincipalId = owner,
        InitializeParametersJson = json,
        CreatedAt = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
    };
}
