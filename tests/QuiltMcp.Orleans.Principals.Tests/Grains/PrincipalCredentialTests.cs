using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Grains;

[Collection(TwoSiloClusterCollection.Name)]
public sealed class PrincipalCredentialTests(TwoSiloClusterFixture fixture)
{
    private FakeSts Sts => fixture.Sts;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private IPrincipalGrain Grain(string subject) =>
        fixture.Cluster.Client.GetGrain<IPrincipalGrain>(PrincipalKeys.ForToken("quilt-frontend", subject));

    [Fact]
    public async Task Fifty_concurrent_first_calls_share_one_sts_call()
    {
        var subject = Unique("first");
        var role = FakeSts.RoleArn(subject);
        Sts.Delay = TimeSpan.FromMilliseconds(200);
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 50)
                .Select(_ => Grain(subject).GetRoleCredentialsAsync(RoleSessionRequest.For(role, subject))));

            Assert.Single(Sts.CallsFor(role));
            Assert.All(results, result => Assert.True(result.Succeeded));
            Assert.Single(results.Select(result => result.Credentials!.AccessKeyId).Distinct());
        }
        finally
        {
            Sts.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Ten_thousand_calls_of_100_principals_on_two_silos_cost_exactly_100_sts_calls()
    {
        var run = Unique("cluster");
        var principals = Enumerable.Range(0, 100).Select(i => (Subject: $"{run}-{i:D3}", Role: FakeSts.RoleArn($"{run}-{i:D3}"))).ToArray();

        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (call, _) =>
        {
            var (subject, role) = principals[call % principals.Length];
            var result = await Grain(subject).GetRoleCredentialsAsync(RoleSessionRequest.For(role, subject));
            Assert.Equal(role, result.Credentials!.RoleArn);
        });

        var roles = principals.Select(p => p.Role).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(100, Sts.Calls.Count(call => roles.Contains(call.RoleArn)));
        var silos = await Task.WhenAll(principals.Select(async p => (await Grain(p.Subject).GetSnapshotAsync()).SiloAddress));
        Assert.Equal(2, silos.Distinct().Count());
    }

    [Fact]
    public async Task Credentials_near_expiry_are_refreshed_exactly_once_while_callers_keep_the_valid_ones()
    {
        var subject = Unique("refresh");
        var role = FakeSts.RoleArn(subject);
        var request = RoleSessionRequest.For(role, subject);
        var first = (await Grain(subject).GetRoleCredentialsAsync(request)).Credentials!;

        fixture.Clock.SetUtcNow(first.Expiration - TimeSpan.FromMinutes(4));
        Sts.Delay = TimeSpan.FromSeconds(1);
        try
        {
            var started = DateTime.UtcNow;
            var during = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Grain(subject).GetRoleCredentialsAsync(request)));
            var waited = DateTime.UtcNow - started;

            // Nobody waited for the slow STS call: everyone got the still-valid credentials from the cache.
            Assert.All(during, result => Assert.Equal(first.AccessKeyId, result.Credentials!.AccessKeyId));
            Assert.True(waited < TimeSpan.FromSeconds(1), $"callers waited {waited} for a background refresh");

            await WaitUntilAsync(() => Sts.CallsFor(role).Count == 2);
            // Bounded, so a refresh that never lands fails the assertion below instead of hanging the run.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            RoleCredentials renewed;
            do
            {
                renewed = (await Grain(subject).GetRoleCredentialsAsync(request)).Credentials!;
            }
            while (renewed.AccessKeyId == first.AccessKeyId && DateTime.UtcNow < deadline && await Delay());

            Assert.NotEqual(first.AccessKeyId, renewed.AccessKeyId);
            Assert.True(renewed.Expiration > first.Expiration);
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Grain(subject).GetRoleCredentialsAsync(request)));
            Assert.Equal(2, Sts.CallsFor(role).Count);
        }
        finally
        {
            Sts.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Sts_outage_is_hidden_while_cached_credentials_last_and_named_once_they_expire()
    {
        var subject = Unique("outage");
        var role = FakeSts.RoleArn(subject);
        var request = RoleSessionRequest.For(role, subject);
        var cached = (await Grain(subject).GetRoleCredentialsAsync(request)).Credentials!;
        Sts.FailRole(role, "ServiceUnavailableException");

        // Inside the refresh window: the renewal fails in the background, callers still succeed.
        fixture.Clock.SetUtcNow(cached.Expiration - TimeSpan.FromMinutes(2));
        var stillServed = await Grain(subject).GetRoleCredentialsAsync(request);
        await WaitUntilAsync(() => Sts.CallsFor(role).Count == 2);
        var afterFailedRenewal = await Grain(subject).GetRoleCredentialsAsync(request);
        Assert.Equal(cached.AccessKeyId, stillServed.Credentials!.AccessKeyId);
        Assert.Equal(cached.AccessKeyId, afterFailedRenewal.Credentials!.AccessKeyId);

        // Past expiry: the failure surfaces with the AWS error code.
        fixture.Clock.SetUtcNow(cached.Expiration + TimeSpan.FromSeconds(1));
        var failed = await Grain(subject).GetRoleCredentialsAsync(request);
        Assert.False(failed.Succeeded);
        Assert.Equal("ServiceUnavailableException", failed.ErrorCode);
        Assert.Contains(role, failed.ErrorMessage);

        // Within the retry delay callers get the remembered failure without hammering STS.
        var callsAfterFailure = Sts.CallsFor(role).Count;
        Assert.False((await Grain(subject).GetRoleCredentialsAsync(request)).Succeeded);
        Assert.Equal(callsAfterFailure, Sts.CallsFor(role).Count);

        // STS back and the retry delay over: fresh credentials.
        Sts.Recover(role);
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));
        var recovered = await Grain(subject).GetRoleCredentialsAsync(request);
        Assert.True(recovered.Succeeded);
        Assert.NotEqual(cached.AccessKeyId, recovered.Credentials!.AccessKeyId);
        Assert.Equal(recovered.Credentials.Expiration, await Grain(subject).GetCachedCredentialsExpiryAsync(role));
    }

    [Fact]
    public async Task Each_role_of_a_principal_has_its_own_credentials_and_claims_keep_working()
    {
        var subject = Unique("roles");
        var (roleA, roleB) = (FakeSts.RoleArn(subject + "-a"), FakeSts.RoleArn(subject + "-b"));
        await Grain(subject).IdentifyAsync(new PrincipalClaims { Subject = subject, Issuer = "quilt-frontend", IssuedAt = fixture.Clock.GetUtcNow() });

        var a = await Grain(subject).GetRoleCredentialsAsync(RoleSessionRequest.For(roleA, subject));
        var b = await Grain(subject).GetRoleCredentialsAsync(RoleSessionRequest.For(roleB, subject));

        Assert.NotEqual(a.Credentials!.AccessKeyId, b.Credentials!.AccessKeyId);
        Assert.Contains("/" + subject + "-a/", a.Credentials.AssumedRoleUserArn);
        Assert.Null(await Grain(subject).GetCachedCredentialsExpiryAsync(FakeSts.RoleArn(subject + "-never")));
        Assert.Equal(subject, (await Grain(subject).GetSnapshotAsync()).Claims!.Subject);
        Assert.DoesNotContain(a.Credentials.SecretAccessKey, a.ToString());
        Assert.DoesNotContain(a.Credentials.SessionToken, a.Credentials.ToString());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(20);
        return true;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 15 s");
            await Task.Delay(20);
        }
    }
}
