using QuiltMcp.Orleans.Grains.Health;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PrincipalGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private IPrincipalGrain Grain(string key) => fixture.Cluster.GrainFactory.GetGrain<IPrincipalGrain>(key);

    [Fact]
    public async Task A_new_principal_has_no_claims_until_identified()
    {
        var key = PrincipalKeys.ForToken("https://issuer.example", $"fresh-{Guid.NewGuid():N}");
        var snapshot = await Grain(key).GetSnapshotAsync();

        Assert.Equal(key, snapshot.PrincipalId);
        Assert.Null(snapshot.Claims);
        Assert.Null(snapshot.ClaimsUpdatedAt);
        Assert.NotEqual(default, snapshot.ActivatedAt);
        Assert.StartsWith("S127.0.0.1:", snapshot.SiloAddress);
    }

    [Fact]
    public async Task Identify_records_claims_that_every_later_caller_sees()
    {
        var key = PrincipalKeys.ForToken("quilt-frontend", $"alice-{Guid.NewGuid():N}");
        var claims = Claims("alice", Issued, ["quilt:read"], ["bucket-a", "bucket-b"]);

        var recorded = await Grain(key).IdentifyAsync(claims);
        var seenByAnother = await fixture.SiloGrainFactories[1].GetGrain<IPrincipalGrain>(key).GetSnapshotAsync();

        Assert.Equal(["bucket-a", "bucket-b"], recorded.Claims!.Buckets);
        Assert.Equal(recorded.Claims, seenByAnother.Claims);
        Assert.Equal(recorded.SiloAddress, seenByAnother.SiloAddress);
        Assert.NotNull(seenByAnother.ClaimsUpdatedAt);
    }

    [Fact]
    public async Task Older_claims_never_replace_newer_ones()
    {
        var key = PrincipalKeys.ForToken("quilt-frontend", $"bob-{Guid.NewGuid():N}");
        await Grain(key).IdentifyAsync(Claims("bob", Issued, ["quilt:read", "quilt:write"], ["b1"]));

        var afterReplay = await Grain(key).IdentifyAsync(Claims("bob", Issued.AddMinutes(-5), ["quilt:read"], []));

        Assert.Equal(["quilt:read", "quilt:write"], afterReplay.Claims!.Scopes);
        Assert.Equal(["b1"], afterReplay.Claims.Buckets);
    }

    [Fact]
    public async Task Newer_claims_replace_older_ones_and_move_the_update_time()
    {
        var key = PrincipalKeys.ForToken("quilt-frontend", $"carol-{Guid.NewGuid():N}");
        var first = await Grain(key).IdentifyAsync(Claims("carol", Issued, ["quilt:read"], []));
        await ClockPassesAsync(first.ClaimsUpdatedAt!.Value);
        var same = await Grain(key).IdentifyAsync(Claims("carol", Issued.AddMinutes(1), ["quilt:read"], []));
        await ClockPassesAsync(first.ClaimsUpdatedAt!.Value);
        var changed = await Grain(key).IdentifyAsync(Claims("carol", Issued.AddMinutes(2), ["quilt:admin"], []));

        // The same claims re-sent with a newer token are not a change.
        Assert.Equal(first.ClaimsUpdatedAt, same.ClaimsUpdatedAt);
        Assert.Equal(["quilt:admin"], changed.Claims!.Scopes);
        Assert.True(changed.ClaimsUpdatedAt > first.ClaimsUpdatedAt);
    }

    [Fact]
    public async Task One_activation_serves_concurrent_callers_from_both_silos()
    {
        var key = PrincipalKeys.ForToken("quilt-frontend", $"dave-{Guid.NewGuid():N}");
        var silos = fixture.SiloGrainFactories;
        Assert.Equal(2, silos.Count);
        var calls = Enumerable.Range(0, 200).Select(i => silos[i % 2].GetGrain<IPrincipalGrain>(key).GetSnapshotAsync());

        var snapshots = await Task.WhenAll(calls);

        Assert.Single(snapshots.Select(s => (s.SiloAddress, s.ActivatedAt)).Distinct());
    }

    [Fact]
    public async Task Health_probe_answers_with_a_silo_identity()
    {
        var silo = await fixture.Cluster.GrainFactory.GetGrain<IHealthProbeGrain>(0).PingAsync();
        Assert.StartsWith("S127.0.0.1:", silo);
    }

    [Fact]
    public void Keys_separate_issuers_and_desktop_users()
    {
        Assert.NotEqual(PrincipalKeys.ForToken("issuer-a", "sam"), PrincipalKeys.ForToken("issuer-b", "sam"));
        Assert.Equal("desktop|sam", PrincipalKeys.ForDesktopUser("sam"));
        Assert.Throws<ArgumentException>(() => PrincipalKeys.ForToken("", "sam"));
        Assert.Throws<ArgumentException>(() => PrincipalKeys.ForDesktopUser(" "));
    }

    private static PrincipalClaims Claims(string subject, DateTimeOffset issuedAt, string[] scopes, string[] buckets) => new()
    {
        Subject = subject,
        Issuer = "quilt-frontend",
        Scopes = scopes,
        Buckets = buckets,
        IssuedAt = issuedAt,
    };

    /// <summary>
    /// Waits until the silos' clock (the system clock: the grain takes Orleans' TimeProvider, which a fake would stop
    /// for Orleans too) reads later than <paramref name="instant"/>, so a timestamp written next differs from it.
    /// </summary>
    private static Task ClockPassesAsync(DateTimeOffset instant) =>
        Eventually.TrueAsync(() => TimeProvider.System.GetUtcNow() > instant, TimeSpan.FromSeconds(30), $"the clock passing {instant:O}");
}
