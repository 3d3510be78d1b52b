using System.Diagnostics;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

/// <summary>
/// STS failing (5xx) and recovering, seen through the real server and the real STS client: principals whose credentials
/// are cached keep working without STS; a new principal gets a tool error naming the AWS error code after the SDK's
/// bounded retries; and once STS answers again, a principal that failed is served again within Aws:RetryFailedAfter.
/// </summary>
public sealed class StsOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromSeconds(3);

    /// <summary>Aws:StsTimeout, shortened from 5 s so a hanging STS is given up within seconds.</summary>
    private static readonly TimeSpan StsTimeout = TimeSpan.FromSeconds(1);

    private FakeSts _sts = null!;
    private PrincipalServer _server = null!;

    public async Task InitializeAsync()
    {
        _sts = await FakeSts.StartAsync();
        _server = await PrincipalServer.StartAsync(_sts, new Dictionary<string, string?>
        {
            ["Aws:RetryFailedAfter"] = RetryFailedAfter.ToString(),
            ["Aws:StsTimeout"] = StsTimeout.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sts.DisposeAsync();
    }

    [Fact]
    public async Task Cached_principals_keep_working_new_ones_get_the_aws_error_code_and_all_recover_within_retry_failed_after()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var cachedRole = FakeSts.RoleArn($"cached-{run}");
        var cached = TestTokens.Issue($"cached-{run}", roleArn: cachedRole);
        var newRole = FakeSts.RoleArn($"new-{run}");
        var newcomer = TestTokens.Issue($"new-{run}", roleArn: newRole);
        Assert.False((await IdentityAsync(cached)).IsToolError);

        _sts.FailureStatus = 503;
        _sts.FailAllWith = "ServiceUnavailable";
        var clock = Stopwatch.StartNew();
        var cachedCalls = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (await IdentityAsync(cached)).IsToolError));
        var cachedElapsed = clock.Elapsed;

        clock.Restart();
        var failed = await IdentityAsync(newcomer);
        var failedAfter = clock.Elapsed;
        var attempts = _sts.CallsFor(newRole).Count;
        var remembered = await IdentityAsync(newcomer);
        var attemptsAfterRemembered = _sts.CallsFor(newRole).Count;

        _sts.FailAllWith = null;
        clock.Restart();
        var recovered = await Eventually.ValueAsync(
            () => IdentityAsync(newcomer), reply => !reply.IsToolError, TimeSpan.FromSeconds(30), "the failed principal served again");
        var recoveredAfter = clock.Elapsed;
        var another = await IdentityAsync(TestTokens.Issue($"later-{run}", roleArn: FakeSts.RoleArn($"later-{run}")));

        output.WriteLine($"STS answering 503: 50 calls of a principal with cached credentials, {cachedCalls.Count(error => error)} failed, {cachedElapsed.TotalSeconds:F2} s in all; "
            + $"a new principal's call failed after {failedAfter.TotalSeconds:F2} s and {attempts} STS attempts; "
            + $"after STS recovered it was served again within {recoveredAfter.TotalSeconds:F2} s (Aws:RetryFailedAfter {RetryFailedAfter.TotalSeconds:F0} s)");

        Assert.DoesNotContain(true, cachedCalls);
        Assert.Single(_sts.CallsFor(cachedRole));

        Assert.True(failed.IsToolError);
        Assert.Equal(
            $"AWS credentials for role {newRole} are unavailable (ServiceUnavailable): STS AssumeRole of {newRole} failed with ServiceUnavailable: "
            + "The service is unavailable. Please try again later.",
            failed.Text);
        Assert.Equal(3, attempts);
        Assert.True(failedAfter < TimeSpan.FromSeconds(10), $"the failure took {failedAfter}");

        // Remembered for Aws:RetryFailedAfter: the same answer, without asking STS again.
        Assert.Equal(failed.Text, remembered.Text);
        Assert.Equal(attempts, attemptsAfterRemembered);

        Assert.Equal(newRole, recovered.Json.GetProperty("role_arn").GetString());
        Assert.True(recoveredAfter <= RetryFailedAfter + TimeSpan.FromSeconds(2), $"recovered after {recoveredAfter}");
        Assert.False(another.IsToolError, another.Text);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_names_its_code()
    {
        var role = FakeSts.RoleArn($"denied-{Guid.NewGuid():N}"[..30]);
        _sts.FailRole(role, "AccessDenied");

        var denied = await IdentityAsync(TestTokens.Issue("denied-user", roleArn: role));

        Assert.True(denied.IsToolError);
        Assert.StartsWith($"AWS credentials for role {role} are unavailable (AccessDenied): ", denied.Text, StringComparison.Ordinal);
        Assert.Single(_sts.CallsFor(role));
    }

    [Fact]
    public async Task A_hanging_sts_is_given_up_after_its_attempts_and_named_unreachable()
    {
        var role = FakeSts.RoleArn($"hang-{Guid.NewGuid():N}"[..30]);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sts.Hold = release.Task;
        try
        {
            var clock = Stopwatch.StartNew();
            var reply = await IdentityAsync(TestTokens.Issue("hang-user", roleArn: role));

            output.WriteLine($"STS never answering: tool error after {clock.Elapsed.TotalSeconds:F2} s and {_sts.CallsFor(role).Count} attempts (Aws:StsTimeout {StsTimeout.TotalSeconds:F0} s)");
            Assert.True(reply.IsToolError);
            Assert.Equal($"AWS credentials for role {role} are unavailable (StsUnreachable): STS AssumeRole of {role} failed with StsUnreachable: STS could not be reached", reply.Text);
            // Three attempts by Aws:StsMaxAttempts; when attempts time out the SDK was seen to make more now and then (4
            // here and against S3, 5 once on a heavily loaded machine). What the caller depends on is the time, bounded below.
            Assert.InRange(_sts.CallsFor(role).Count, 3, 6);
            Assert.InRange(clock.Elapsed, 3 * StsTimeout, TimeSpan.FromSeconds(15));
        }
        finally
        {
            _sts.Hold = null;
            release.SetResult();
        }
    }

    private Task<ToolReply> IdentityAsync(string token) => McpCalls.CallAsync(_server.Http, AuthTools.AwsIdentityName, token);
}
