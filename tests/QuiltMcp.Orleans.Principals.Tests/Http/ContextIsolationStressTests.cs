using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Principals.Tests.Support;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

/// <summary>
/// Seed 000's concurrency stress test: stdio and HTTP traffic at once, many principals and roles, failures mixed
/// in. Every call reports the principal, environment, role and credentials (by their non-secret STS identity) it
/// observed, and each must be exactly what its caller sent.
/// </summary>
public sealed class ContextIsolationStressTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Principals = 60;
    private const int HttpCalls = 8_500;
    private const int DesktopCalls = 1_500;
    private const string RoleHeader = "X-Quilt-User-Role";

    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private FakeSts _sts = null!;
    private PrincipalServer _web = null!;
    private DesktopServer _desktop = null!;

    private string DesktopRole => FakeSts.RoleArn($"desktop-{_run}");

    private string FailingRole => FakeSts.RoleArn($"failing-{_run}");

    public async Task InitializeAsync()
    {
        _sts = await FakeSts.StartAsync();
        _sts.FailRole(FailingRole, "AccessDenied");
        _web = await PrincipalServer.StartAsync(_sts, new Dictionary<string, string?> { ["Roles:AccountId"] = FakeSts.AccountId });
        _desktop = await DesktopServer.StartAsync(_sts, DesktopRole);
    }

    public async Task DisposeAsync()
    {
        await _desktop.DisposeAsync();
        await _web.DisposeAsync();
        await _sts.DisposeAsync();
    }

    [Fact]
    public async Task Every_call_of_mixed_stdio_and_http_traffic_sees_only_its_own_principal_environment_role_and_credentials()
    {
        var principals = Enumerable.Range(0, Principals).Select(i =>
        {
            var subject = $"stress-{_run}-{i:D2}";
            string[] roles = [$"{subject}-a", $"{subject}-b"];
            return (Subject: subject, Roles: roles, Token: TestTokens.Issue(subject, roles: i == 0 ? [.. roles, $"failing-{_run}"] : roles));
        }).ToArray();
        var leaks = new ConcurrentQueue<string>();
        var credentialsSeen = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        void Check(bool condition, string what)
        {
            if (!condition)
            {
                leaks.Enqueue(what);
            }
        }

        var web = Parallel.ForEachAsync(Enumerable.Range(0, HttpCalls), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (n, _) =>
        {
            var principal = principals[n % Principals];
            var userId = $"call-{n}";
            var headers = new Dictionary<string, string> { ["X-Quilt-User-Id"] = userId };
            string? expectedRole;
            if (n % 50 == 0)
            {
                // Failure mixed in: a granted role whose STS call is denied.
                headers[RoleHeader] = $"failing-{_run}";
                var failed = await McpCalls.CallAsync(_web.Http, AuthTools.AwsIdentityName, principals[0].Token, headers, id: n);
                Check(failed.IsToolError && failed.Text.Contains("AccessDenied", StringComparison.Ordinal), $"{userId}: failing role answered {failed.Body}");
                return;
            }

            if (n % 97 == 0)
            {
                // Refusal mixed in: another principal's role.
                headers[RoleHeader] = principals[(n + 1) % Principals].Roles[0];
                var refused = await McpCalls.CallAsync(_web.Http, AuthTools.AwsIdentityName, principal.Token, headers, id: n);
                Check(refused.Status == HttpStatusCode.Forbidden, $"{userId}: ungranted role answered {refused.Status}");
                return;
            }

            if (n % 7 == 0)
            {
                expectedRole = principal.Roles[0];   // no header: the first role of the token's roles claim
            }
            else
            {
                expectedRole = principal.Roles[(n / Principals) % 2];
                headers[RoleHeader] = expectedRole;
            }

            var reply = await McpCalls.CallAsync(_web.Http, AuthTools.AwsIdentityName, principal.Token, headers, id: n);
            var seen = reply.Json;
            Check(seen.GetProperty("quilt_user_id").GetString() == userId, $"{userId}: saw quilt_user_id {seen.GetProperty("quilt_user_id")}");
            Check(seen.GetProperty("environment").GetString() == "web-jwt", $"{userId}: saw environment {seen.GetProperty("environment")}");
            Check(seen.GetProperty("principal_id").GetString() == PrincipalKeys.ForToken("quilt-frontend", principal.Subject), $"{userId}: saw principal {seen.GetProperty("principal_id")}");
            Check(seen.GetProperty("role_arn").GetString() == FakeSts.RoleArn(expectedRole), $"{userId}: saw role {seen.GetProperty("role_arn")}");
            CheckCredentials(seen, expectedRole, principal.Subject, userId);
        });

        var desktopUser = Environment.UserName;
        var desktop = Parallel.ForEachAsync(Enumerable.Range(0, DesktopCalls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, cancellationToken) =>
        {
            var result = await _desktop.Client.CallToolAsync(AuthTools.AwsIdentityName, cancellationToken: cancellationToken);
            var seen = JsonDocument.Parse(((TextContentBlock)result.Content[0]).Text).RootElement;
            var call = $"stdio-{n}";
            Check(result.IsError != true, $"{call}: error {seen}");
            Check(seen.GetProperty("environment").GetString() == "desktop-stdio", $"{call}: saw environment {seen.GetProperty("environment")}");
            Check(seen.GetProperty("principal_id").GetString() == PrincipalKeys.ForDesktopUser(desktopUser), $"{call}: saw principal {seen.GetProperty("principal_id")}");
            Check(seen.GetProperty("source").GetString() == "desktop-role", $"{call}: saw source {seen.GetProperty("source")}");
            Check(seen.GetProperty("role_arn").GetString() == DesktopRole, $"{call}: saw role {seen.GetProperty("role_arn")}");
            Check(!seen.TryGetProperty("quilt_user_id", out var userId) || userId.ValueKind == JsonValueKind.Null, $"{call}: saw an HTTP caller's user id {seen}");
            CheckCredentials(seen, $"desktop-{_run}", desktopUser, call);
        });

        await Task.WhenAll(web, desktop);

        void CheckCredentials(JsonElement seen, string roleName, string subject, string call)
        {
            // The STS identity of the credentials names the role and the session (mcp-<subject>-…); one per role.
            var user = seen.GetProperty("assumed_role_user").GetString() ?? "";
            Check(user.StartsWith($"arn:aws:sts::{FakeSts.AccountId}:assumed-role/{roleName}/mcp-{subject}-", StringComparison.Ordinal),
                $"{call}: saw credentials of {user}");
            var first = credentialsSeen.GetOrAdd(roleName + "|" + subject, user + "|" + seen.GetProperty("credentials_expire_at").GetString());
            Check(first == user + "|" + seen.GetProperty("credentials_expire_at").GetString(), $"{call}: saw other credentials {user} than the first caller {first}");
        }

        var successfulAssumptions = _sts.Calls.Count(call => call.RoleArn != FailingRole);
        output.WriteLine($"{HttpCalls} HTTP + {DesktopCalls} stdio calls; "
            + $"{successfulAssumptions} AssumeRole calls for {credentialsSeen.Count} principal/role pairs; {leaks.Count} leaks");
        Assert.Empty(leaks.Take(20));
        Assert.Equal(credentialsSeen.Count, successfulAssumptions);
        Assert.Equal(Principals * 2 + 1, credentialsSeen.Count);
    }
}
