using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

/// <summary>
/// Two front ends of one cluster, each keeping its own copy of the credentials the principal grain handed out: warm
/// calls cost no grain call, STS is still called once per principal, role and credential lifetime for the whole
/// cluster, and renewal goes through the grain. Credential time is a fake clock both silos and STS share.
/// </summary>
public sealed class LocalCredentialCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly GrainCallCounter _frontCalls = new();
    private readonly GrainCallCounter _backCalls = new();
    private FakeSts _sts = null!;
    private InProcessServer _front = null!;
    private InProcessServer _back = null!;
    private HttpClient _frontHttp = null!;
    private HttpClient _backHttp = null!;

    public async Task InitializeAsync()
    {
        _sts = await FakeSts.StartAsync();
        _sts.Clock = _clock.GetUtcNow;
        var primarySiloPort = FreePort.Next();
        _front = await InProcessServer.CreateAsync(Settings(primarySiloPort), builder => Configure(builder, _frontCalls));
        _back = await InProcessServer.CreateAsync(Settings(FreePort.Next()), builder =>
        {
            Configure(builder, _backCalls);
            builder.Services.Configure<DevelopmentClusterMembershipOptions>(membership =>
                membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, primarySiloPort));
        });
        var views = new[] { _front, _back }.Select(server => server.Services.GetRequiredService<IClusterMembershipService>()).ToArray();
        await Eventually.TrueAsync(
            () => views.All(view => view.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2),
            TimeSpan.FromSeconds(60),
            "both silos seeing each other as Active");
        _frontHttp = new HttpClient { BaseAddress = _front.BaseUri };
        _backHttp = new HttpClient { BaseAddress = _back.BaseUri };
    }

    [Fact]
    public async Task Warm_calls_on_either_front_end_cost_no_grain_call_and_the_cluster_one_sts_call()
    {
        var (token, role) = Principal("warm");

        var first = await AwsIdentityAsync(_frontHttp, token);
        for (var call = 0; call < 5; call++)
        {
            await AwsIdentityAsync(_frontHttp, token);
            await AwsIdentityAsync(_backHttp, token);
        }

        Assert.Single(_sts.CallsFor(role));
        // Each front end asked the grain once; every later call used its own copy.
        Assert.Equal(1, _frontCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync)));
        Assert.Equal(1, _backCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync)));

        // auth_status shows the expiry from the same copy, without asking the grain either.
        var status = await CallAsync(_frontHttp, AuthTools.AuthStatusName, token);
        Assert.Equal(first.GetProperty("credentials_expire_at").GetDateTimeOffset(), status.GetProperty("credentials_expire_at").GetDateTimeOffset());
        Assert.Equal(0, _frontCalls.Count(nameof(IPrincipalGrain.GetCachedCredentialsExpiryAsync)));
    }

    [Fact]
    public async Task From_the_grains_renewal_window_on_a_front_end_asks_the_grain_which_renews_once_for_the_cluster()
    {
        var (token, role) = Principal("renew");
        var first = await AwsIdentityAsync(_frontHttp, token);
        await AwsIdentityAsync(_backHttp, token);
        var firstExpiry = first.GetProperty("credentials_expire_at").GetDateTimeOffset();

        // One second into the grain's renewal window (Aws:RefreshBeforeExpiry, 5 minutes by default).
        _clock.SetUtcNow(firstExpiry - TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var during = await AwsIdentityAsync(_frontHttp, token);
        Assert.Equal(2, _frontCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync)));

        // The grain renewed in the background; until a front end sees the new set, it keeps asking the grain.
        await Eventually.TrueAsync(() => _sts.CallsFor(role).Count == 2, TimeSpan.FromSeconds(10), "the grain's renewal");
        DateTimeOffset renewedExpiry = default;
        await Eventually.TrueAsync(async () =>
        {
            renewedExpiry = (await AwsIdentityAsync(_frontHttp, token)).GetProperty("credentials_expire_at").GetDateTimeOffset();
            return renewedExpiry > firstExpiry;
        }, TimeSpan.FromSeconds(10), "the front end getting the renewed credentials");
        var backRenewed = (await AwsIdentityAsync(_backHttp, token)).GetProperty("credentials_expire_at").GetDateTimeOffset();

        var frontCallsAfterRenewal = _frontCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync));
        var backCallsAfterRenewal = _backCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync));
        for (var call = 0; call < 5; call++)
        {
            await AwsIdentityAsync(_frontHttp, token);
            await AwsIdentityAsync(_backHttp, token);
        }

        Assert.Equal(firstExpiry, during.GetProperty("credentials_expire_at").GetDateTimeOffset());
        Assert.Equal(renewedExpiry, backRenewed);
        Assert.Equal(2, _sts.CallsFor(role).Count);
        Assert.Equal(frontCallsAfterRenewal, _frontCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync)));
        Assert.Equal(backCallsAfterRenewal, _backCalls.Count(nameof(IPrincipalGrain.GetRoleCredentialsAsync)));
    }

    [Fact]
    public async Task A_front_ends_copy_is_never_handed_to_another_principal_in_the_same_role()
    {
        var role = FakeSts.RoleArn("Shared" + Guid.NewGuid().ToString("N")[..20]);
        var alice = TestTokens.Issue($"alice-{Guid.NewGuid():N}", roleArn: role);
        var bob = TestTokens.Issue($"bob-{Guid.NewGuid():N}", roleArn: role);

        var aliceIdentity = await AwsIdentityAsync(_frontHttp, alice);
        var bobIdentity = await AwsIdentityAsync(_frontHttp, bob);
        await AwsIdentityAsync(_frontHttp, alice);
        var bobAgain = await AwsIdentityAsync(_frontHttp, bob);

        Assert.Equal(2, _sts.CallsFor(role).Count);
        var aliceUser = aliceIdentity.GetProperty("assumed_role_user").GetString();
        var bobUser = bobIdentity.GetProperty("assumed_role_user").GetString();
        Assert.NotEqual(aliceUser, bobUser);
        Assert.Equal(bobUser, bobAgain.GetProperty("assumed_role_user").GetString());
        Assert.StartsWith("bob-", bobAgain.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_assumption_is_not_kept_by_the_front_end_so_a_fixed_trust_policy_is_seen_through_the_grain()
    {
        var (token, role) = Principal("fails");
        _sts.FailRole(role, "AccessDenied");

        var refused = await McpCalls.CallAsync(_frontHttp, AuthTools.AwsIdentityName, token);
        Assert.True(refused.IsToolError, refused.Body);
        Assert.Contains("AccessDenied", refused.Text, StringComparison.Ordinal);

        _sts.Recover(role);
        // The grain holds the failure for Aws:RetryFailedAfter (10 s); past it, the next call assumes the role again.
        _clock.Advance(TimeSpan.FromSeconds(11));
        var identity = await AwsIdentityAsync(_frontHttp, token);
        Assert.Equal(role, identity.GetProperty("role_arn").GetString());
        Assert.Equal(2, _sts.CallsFor(role).Count);
    }

    [Fact]
    public async Task A_principal_whose_calls_need_nothing_from_its_grain_never_calls_it_and_the_first_that_does_records_the_claims_first()
    {
        var subject = $"grainless-{Guid.NewGuid():N}";
        var token = TestTokens.Issue(subject, scopes: "public:read");
        var principalCalls = () => _frontCalls.CountFor(subject);

        for (var call = 0; call < 3; call++)
        {
            var status = await CallAsync(_frontHttp, AuthTools.AuthStatusName, token);
            Assert.Equal(subject, status.GetProperty("subject").GetString());
        }

        Assert.Equal(0, principalCalls());

        var info = await CallAsync(_frontHttp, AuthTools.UserInfoName, token);
        Assert.Equal(subject, info.GetProperty("subject").GetString());
        Assert.Equal([nameof(IPrincipalGrain.IdentifyAsync), nameof(IPrincipalGrain.GetSnapshotAsync)], _frontCalls.MethodsFor(subject));
    }

    [Fact]
    public async Task User_info_reuses_the_front_ends_snapshot_until_the_front_end_records_a_newer_token()
    {
        var subject = $"snapshot-{Guid.NewGuid():N}";
        var first = TestTokens.Issue(subject, scopes: "public:read");

        for (var call = 0; call < 3; call++)
        {
            var info = await CallAsync(_frontHttp, AuthTools.UserInfoName, first);
            Assert.Equal(["public:read"], info.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        }

        Assert.Equal(1, _frontCalls.Count(nameof(IPrincipalGrain.GetSnapshotAsync)));

        // A new token of the same user with other scopes: the front end records it with the grain and drops its copy.
        var second = TestTokens.Issue(subject, scopes: "public:read public:write");
        var updated = await CallAsync(_frontHttp, AuthTools.UserInfoName, second);
        Assert.Equal(["public:read", "public:write"], updated.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(2, _frontCalls.Count(nameof(IPrincipalGrain.GetSnapshotAsync)));
    }

    private (string Token, string Role) Principal(string name)
    {
        var subject = $"{name}-{Guid.NewGuid():N}";
        var role = FakeSts.RoleArn($"Local{subject}"[..40]);
        return (TestTokens.Issue(subject, roleArn: role), role);
    }

    private static async Task<System.Text.Json.JsonElement> AwsIdentityAsync(HttpClient http, string token) =>
        await CallAsync(http, AuthTools.AwsIdentityName, token);

    private static async Task<System.Text.Json.JsonElement> CallAsync(HttpClient http, string tool, string token)
    {
        var reply = await McpCalls.CallAsync(http, tool, token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.IsToolError, reply.Body);
        return reply.Json;
    }

    private Dictionary<string, string?> Settings(int siloPort) => new()
    {
        ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Roles:AccountId"] = FakeSts.AccountId,
        ["Aws:Region"] = AwsTestEnvironment.Region,
        ["Aws:StsServiceUrl"] = _sts.Url.ToString(),
        ["Telemetry:EmbeddedMetrics"] = "false",
    };

    private void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, GrainCallCounter counter)
    {
        builder.Services.AddSingleton(new CredentialClock(_clock));
        // Orleans runs every outgoing filter registered as a service.
        builder.Services.AddSingleton<IOutgoingGrainCallFilter>(counter);
    }

    public async Task DisposeAsync()
    {
        _frontHttp.Dispose();
        _backHttp.Dispose();
        await _back.DisposeAsync();
        await _front.DisposeAsync();
        await _sts.DisposeAsync();
    }

    /// <summary>Counts the principal-grain calls a silo sends, by method name, and records which grain each went to.</summary>
    private sealed class GrainCallCounter : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<(string Grain, string Method)> _sent = new();

        public int Count(string method) => _calls.TryGetValue(method, out var count) ? count : 0;

        /// <summary>The methods called, in order, on principal grains whose key names <paramref name="subject"/>.</summary>
        public string[] MethodsFor(string subject) =>
            _sent.Where(call => call.Grain.Contains(subject, StringComparison.Ordinal)).Select(call => call.Method).ToArray();

        public int CountFor(string subject) => MethodsFor(subject).Length;

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IPrincipalGrain))
            {
                _calls.AddOrUpdate(context.MethodName, 1, (_, count) => count + 1);
                _sent.Enqueue((context.TargetId.ToString(), context.MethodName));
            }

            await context.Invoke();
        }
    }
}
