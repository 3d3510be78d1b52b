using QuiltMcp.Orleans.Grains.Sessions;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class McpSessionGrainTests(ClusterFixture fixture)
{
    private const string Alice = "jwt|quilt-frontend|alice";

    /// <summary>The same subject from a second trusted issuer: another principal.</summary>
    private const string AliceElsewhere = "jwt|https://idp.example.com|alice";

    private IMcpSessionGrain Session(string id) => fixture.Cluster.GrainFactory.GetGrain<IMcpSessionGrain>(id);

    private string FirstSilo => fixture.Holders[0].Holder;

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task An_unknown_session_has_no_record_and_cannot_be_resumed_or_deleted()
    {
        var id = NewId();
        Assert.Equal(SessionResumeStatus.Unknown, (await Session(id).ResumeAsync(Alice, FirstSilo)).Status);
        Assert.Equal(SessionDeleteStatus.Unknown, await Session(id).DeleteAsync(Alice));
    }

    [Fact]
    public async Task The_record_survives_deactivation_of_every_grain()
    {
        var id = NewId();
        var record = Record(Alice, """{"protocolVersion":"2025-11-25"}""");
        Assert.True(await Session(id).RecordAsync(record, FirstSilo));

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var resume = await Session(id).ResumeAsync(Alice, FirstSilo);
        Assert.Equal(SessionResumeStatus.Resumed, resume.Status);
        Assert.Equal(record, resume.Record);
    }

    [Fact]
    public async Task Another_principal_cannot_take_over_resume_or_delete_a_session()
    {
        var id = NewId();
        var original = Record(Alice, """{"protocolVersion":"2025-11-25"}""");
        await Session(id).RecordAsync(original, FirstSilo);

        Assert.False(await Session(id).RecordAsync(Record(AliceElsewhere, """{"protocolVersion":"2025-06-18"}"""), FirstSilo));
        var resume = await Session(id).ResumeAsync(AliceElsewhere, FirstSilo);
        Assert.Equal(SessionDeleteStatus.OwnedByAnother, await Session(id).DeleteAsync(AliceElsewhere));

        Assert.Equal(SessionResumeStatus.OwnedByAnother, resume.Status);
        Assert.Null(resume.Record);
        Assert.Equal(original, (await Session(id).ResumeAsync(Alice, FirstSilo)).Record);
        Assert.DoesNotContain(id, fixture.Holders.SelectMany(h => h.Listener.Terminated));
    }

    [Fact]
    public async Task The_owner_may_record_again_and_the_newest_parameters_win()
    {
        var id = NewId();
        await Session(id).RecordAsync(Record("jwt|i|bob", """{"protocolVersion":"2025-06-18"}"""), FirstSilo);
        Assert.True(await Session(id).RecordAsync(Record("jwt|i|bob", """{"protocolVersion":"2025-11-25"}"""), FirstSilo));
        Assert.Contains("2025-11-25", (await Session(id).ResumeAsync("jwt|i|bob", FirstSilo)).Record!.InitializeParametersJson);
    }

    [Fact]
    public async Task A_deleted_session_stays_deleted_after_deactivation_and_cannot_be_recorded_again()
    {
        var id = NewId();
        await Session(id).RecordAsync(Record(Alice, """{"protocolVersion":"2025-11-25"}"""), FirstSilo);

        Assert.Equal(SessionDeleteStatus.Deleted, await Session(id).DeleteAsync(Alice));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(SessionResumeStatus.Deleted, (await Session(id).ResumeAsync(Alice, FirstSilo)).Status);
        Assert.False(await Session(id).RecordAsync(Record(Alice, """{"protocolVersion":"2025-11-25"}"""), FirstSilo));
        Assert.Equal(SessionDeleteStatus.AlreadyDeleted, await Session(id).DeleteAsync(Alice));
        Assert.Equal(SessionDeleteStatus.OwnedByAnother, await Session(id).DeleteAsync(AliceElsewhere));
        Assert.Equal(SessionResumeStatus.Deleted, (await Session(id).ResumeAsync(AliceElsewhere, FirstSilo)).Status);
    }

    [Fact]
    public async Task Deleting_tells_every_process_that_opened_or_rebuilt_the_session_once()
    {
        var id = NewId();
        var (first, firstListener) = fixture.Holders[0];
        var (second, secondListener) = fixture.Holders[1];
        await Session(id).RecordAsync(Record(Alice, """{"protocolVersion":"2025-11-25"}"""), first);
        await Session(id).ResumeAsync(Alice, second);
        await Session(id).ResumeAsync(Alice, second);

        Assert.Equal(SessionDeleteStatus.Deleted, await Session(id).DeleteAsync(Alice));

        Assert.Single(firstListener.Terminated, t => t == id);
        Assert.Single(secondListener.Terminated, t => t == id);
    }

    [Fact]
    public async Task A_holder_that_left_the_cluster_does_not_stop_the_delete()
    {
        var id = NewId();
        var (first, firstListener) = fixture.Holders[0];
        // A silo address of this cluster's form that is no member: the process that rebuilt the session is gone.
        var gone = Placement.HolderSilo.KeyOf(SiloAddress.New(System.Net.IPAddress.Loopback, 1, 42));
        await Session(id).RecordAsync(Record(Alice, """{"protocolVersion":"2025-11-25"}"""), gone);
        await Session(id).ResumeAsync(Alice, first);

        Assert.Equal(SessionDeleteStatus.Deleted, await Session(id).DeleteAsync(Alice));

        Assert.Contains(id, firstListener.Terminated);
        Assert.Equal(SessionResumeStatus.Deleted, (await Session(id).ResumeAsync(Alice, first)).Status);
    }

    [Fact]
    public async Task Only_the_newest_holders_are_remembered()
    {
        var id = NewId();
        var (first, firstListener) = fixture.Holders[0];
        await Session(id).RecordAsync(Record(Alice, """{"protocolVersion":"2025-11-25"}"""), first);
        for (var port = 1; port <= McpSessionGrain.MaxHolders; port++)
        {
            await Session(id).ResumeAsync(Alice, Placement.HolderSilo.KeyOf(SiloAddress.New(System.Net.IPAddress.Loopback, port, 7)));
        }

        Assert.Equal(SessionDeleteStatus.Deleted, await Session(id).DeleteAsync(Alice));

        Assert.DoesNotContain(id, firstListener.Terminated);
    }

    [Fact]
    public async Task Empty_principals_and_holders_are_refused()
    {
        var id = NewId();
        var record = Record(Alice, "{}");
        await Assert.ThrowsAsync<ArgumentNullException>(() => Session(id).RecordAsync(null!, FirstSilo));
        await Assert.ThrowsAsync<ArgumentException>(() => Session(id).RecordAsync(record, ""));
        await Assert.ThrowsAsync<ArgumentException>(() => Session(id).ResumeAsync("", FirstSilo));
        await Assert.ThrowsAsync<ArgumentException>(() => Session(id).ResumeAsync(Alice, ""));
        await Assert.ThrowsAsync<ArgumentException>(() => Session(id).DeleteAsync(""));
        Assert.Equal(SessionResumeStatus.Unknown, (await Session(id).ResumeAsync(Alice, FirstSilo)).Status);
    }

    /// <summary>Each operation leaves the session grain out of memory once it is idle (see McpSessionGrain.ReleaseMemory).</summary>
    [Theory]
    [InlineData("record")]
    [InlineData("resume")]
    [InlineData("delete")]
    public async Task Every_operation_lets_the_grain_leave_memory(string operation)
    {
        var id = NewId();
        var record = Record(Alice, """{"protocolVersion":"2025-11-25"}""");
        if (operation != "record")
        {
            await Session(id).RecordAsync(record, FirstSilo);
            await WaitUntilDeactivatedAsync(id);
        }

        switch (operation)
        {
            case "record": await Session(id).RecordAsync(record, FirstSilo); break;
            case "resume": await Session(id).ResumeAsync(Alice, FirstSilo); break;
            default: await Session(id).DeleteAsync(Alice); break;
        }

        await WaitUntilDeactivatedAsync(id);
    }

    private async Task WaitUntilDeactivatedAsync(string id)
    {
        var grainId = GrainId.Create("mcpsession", id);
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        await Eventually.TrueAsync(
            async () => !(await management.GetActiveGrains(GrainType.Create("mcpsession"))).Contains(grainId),
            TimeSpan.FromSeconds(30),
            $"session grain {id} leaving memory");
    }

    private static McpSessionRecord Record(string owner, string json) => new()
    {
        OwnerPrincipalId = owner,
        InitializeParametersJson = json,
        CreatedAt = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
    };
}
