using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace QuiltMcp.Orleans.Principals.Tests.Kit;

/// <summary>
/// The test kit's STS, which the per-role signing checks rely on: through the real SDK client, each role gets its own
/// access key, secret and session token, each new assumption of a role new ones, all as <see cref="IssuedCredentials.For"/>
/// computes them; a failing role gets its error code and is issued nothing.
/// </summary>
public sealed class FakeStsTests : IAsyncLifetime
{
    private FakeSts _sts = null!;

    public async Task InitializeAsync() => _sts = await FakeSts.StartAsync();

    public async Task DisposeAsync() => await _sts.DisposeAsync();

    [Fact]
    public async Task Each_role_and_each_assumption_gets_its_own_deterministic_credentials()
    {
        var reader = FakeSts.RoleArn("KitReader");
        var writer = FakeSts.RoleArn("KitWriter");
        using var client = Client();

        var first = await AssumeAsync(client, reader);
        var second = await AssumeAsync(client, reader);
        var other = await AssumeAsync(client, writer);

        Assert.Equal(Expected(reader, 1), first);
        Assert.Equal(Expected(reader, 2), second);
        Assert.Equal(Expected(writer, 1), other);
        Assert.Equal(9, new[] { first, second, other }.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken }).Distinct().Count());
        Assert.All(new[] { first, second, other }, c => Assert.Matches("^ASIAFAKE[0-9A-F]{12}$", c.AccessKeyId));
        Assert.Equal([IssuedCredentials.For(reader, 1), IssuedCredentials.For(reader, 2)], _sts.IssuedFor(reader));
        Assert.Equal([IssuedCredentials.For(writer, 1)], _sts.IssuedFor(writer));
    }

    [Fact]
    public async Task A_failing_role_gets_its_error_code_and_no_credentials_and_OnIssuing_sees_every_issue_first()
    {
        var failing = FakeSts.RoleArn("KitDenied");
        var working = FakeSts.RoleArn("KitAllowed");
        _sts.FailRole(failing, "AccessDenied");
        var seen = new List<IssuedCredentials>();
        _sts.OnIssuing = issued =>
        {
            seen.Add(issued);
            return Task.CompletedTask;
        };
        using var client = Client();

        var refused = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => AssumeAsync(client, failing));
        await AssumeAsync(client, working);

        Assert.Equal("AccessDenied", refused.ErrorCode);
        Assert.Single(_sts.CallsFor(failing));
        Assert.Empty(_sts.IssuedFor(failing));
        Assert.Equal([IssuedCredentials.For(working, 1)], seen);
    }

    private static (string AccessKeyId, string SecretAccessKey, string SessionToken) Expected(string role, int issue)
    {
        var issued = IssuedCredentials.For(role, issue);
        return (issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
    }

    private static async Task<(string AccessKeyId, string SecretAccessKey, string SessionToken)> AssumeAsync(IAmazonSecurityTokenService client, string role)
    {
        var response = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "kit-test" });
        return (response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
    }

    private AmazonSecurityTokenServiceClient Client() => new(
        new BasicAWSCredentials("AKIAKITTESTCALLER", "kit-test-caller-secret"),
        new AmazonSecurityTokenServiceConfig { ServiceURL = _sts.Url.ToString(), AuthenticationRegion = "us-east-1" });
}
