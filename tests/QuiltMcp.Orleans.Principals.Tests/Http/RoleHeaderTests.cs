using System.Net;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

public sealed class RoleHeaderTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>
{
    private const string RoleHeader = "X-Quilt-User-Role";

    private PrincipalServer Server => fixture.Server;

    private FakeSts Sts => fixture.Sts;

    [Fact]
    public async Task Token_role_arn_claim_is_assumed_with_the_session_name_and_source_identity_sts_expects()
    {
        var role = FakeSts.RoleArn($"claim-role-{Guid.NewGuid():N}"[..40]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue("erin@example.com", roleArn: role));

        Assert.False(reply.IsToolError, reply.Text);
        var identity = reply.Json;
        Assert.Equal(role, identity.GetProperty("role_arn").GetString());
        Assert.Equal("claim", identity.GetProperty("role_source").GetString());
        Assert.Equal("request-role", identity.GetProperty("source").GetString());
        var call = Assert.Single(Sts.CallsFor(role));
        Assert.True(call.Signed);
        Assert.Equal("erin@example.com", call.SourceIdentity);
        Assert.Equal(3600, call.DurationSeconds);
        Assert.Matches(@"^mcp-erin@example\.com-\d{10}$", call.RoleSessionName);
        var issuedAt = long.Parse(call.RoleSessionName[(call.RoleSessionName.LastIndexOf('-') + 1)..]);
        Assert.InRange(issuedAt, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.EndsWith($"/{call.RoleSessionName}", identity.GetProperty("assumed_role_user").GetString());
    }

    [Fact]
    public async Task Role_header_from_an_unauthenticated_caller_is_refused_and_nothing_is_assumed()
    {
        var role = FakeSts.RoleArn(HttpServerFixture.AllowListedRoleName);
        var before = Sts.CallsFor(role).Count;

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, token: null,
            headers: new Dictionary<string, string> { [RoleHeader] = role });

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(before, Sts.CallsFor(role).Count);
        Assert.Contains(Server.Logs.GetSnapshot(), log => log.Id.Id == 2002
            && log.GetStructuredStateValue("Decision") == "denied" && log.GetStructuredStateValue("Reason")!.Contains("authenticated caller"));
    }

    [Fact]
    public async Task Role_header_for_a_role_the_token_does_not_grant_gets_403_with_a_denied_decision()
    {
        var role = FakeSts.RoleArn($"NotGranted{Guid.NewGuid():N}"[..30]);
        var token = TestTokens.Issue("frank", roles: [HttpServerFixture.GrantedRoleName]);

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, token,
            headers: new Dictionary<string, string> { [RoleHeader] = role });

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Contains("not granted", reply.Body);
        Assert.Empty(Sts.CallsFor(role));
        var decision = Assert.Single(Server.Logs.GetSnapshot(), log => log.Id.Id == 2002 && log.GetStructuredStateValue("RoleArn") == role);
        Assert.Equal("denied", decision.GetStructuredStateValue("Decision"));
        Assert.Equal("frank", decision.GetStructuredStateValue("Subject"));
        Assert.Equal("QuiltMcp.AuthDecision", decision.Category);
    }

    [Fact]
    public async Task Role_header_naming_a_granted_role_is_assumed_as_that_caller()
    {
        var subject = $"grace-{Guid.NewGuid():N}";
        var token = TestTokens.Issue(subject, roles: ["Other", HttpServerFixture.GrantedRoleName],
            claims: new Dictionary<string, object> { ["email"] = "grace@example.com" });
        var role = FakeSts.RoleArn(HttpServerFixture.GrantedRoleName);

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, token,
            headers: new Dictionary<string, string> { [RoleHeader] = HttpServerFixture.GrantedRoleName });

        Assert.False(reply.IsToolError, reply.Text);
        Assert.Equal(role, reply.Json.GetProperty("role_arn").GetString());
        Assert.Equal("header", reply.Json.GetProperty("role_source").GetString());
        var call = Assert.Single(Sts.Calls, call => call.SourceIdentity == subject);
        Assert.Equal(role, call.RoleArn);
        Assert.StartsWith($"mcp-{subject}-", call.RoleSessionName);
        Assert.True(call.RoleSessionName.Length <= 64);
        Assert.Equal("grace@example.com", call.Tags["email"]);
        Assert.Contains(Server.Logs.GetSnapshot(), log => log.Id.Id == 2002 && log.GetStructuredStateValue("Subject") == subject && log.GetStructuredStateValue("Decision") == "allowed");
    }

    [Fact]
    public async Task Role_header_with_an_allow_listed_role_is_honoured_for_any_authenticated_caller()
    {
        var subject = $"heidi-{Guid.NewGuid():N}";

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue(subject),
            headers: new Dictionary<string, string> { [RoleHeader] = FakeSts.RoleArn(HttpServerFixture.AllowListedRoleName) });

        Assert.False(reply.IsToolError, reply.Text);
        Assert.Equal(FakeSts.RoleArn(HttpServerFixture.AllowListedRoleName), Assert.Single(Sts.Calls, call => call.SourceIdentity == subject).RoleArn);
    }

    [Fact]
    public async Task Malformed_role_header_is_a_bad_request()
    {
        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue("ivan"),
            headers: new Dictionary<string, string> { [RoleHeader] = "arn:aws:s3:::not-a-role" });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task Role_names_in_the_roles_claim_select_a_role_without_any_header()
    {
        var subject = $"judy-{Guid.NewGuid():N}";

        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue(subject, roles: ["Analyst"]));

        Assert.False(reply.IsToolError, reply.Text);
        Assert.Equal("roles-claim", reply.Json.GetProperty("role_source").GetString());
        Assert.Equal(FakeSts.RoleArn("Analyst"), Assert.Single(Sts.Calls, call => call.SourceIdentity == subject).RoleArn);
    }

    [Fact]
    public async Task Web_caller_without_any_role_gets_a_clear_tool_error_not_the_task_credentials()
    {
        var reply = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue("kim"));

        Assert.True(reply.IsToolError);
        Assert.Contains("NoRoleSelected", reply.Text);
        Assert.DoesNotContain(Sts.Calls, call => call.SourceIdentity == "kim");
    }

    [Fact]
    public async Task Sts_error_code_reaches_the_caller_as_a_tool_error_and_auth_status_never_shows_secrets()
    {
        var failing = FakeSts.RoleArn($"Denied{Guid.NewGuid():N}"[..30]);
        Sts.FailRole(failing, "AccessDenied");

        var denied = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, TestTokens.Issue("leo", roleArn: failing));

        Assert.True(denied.IsToolError);
        Assert.Contains("AccessDenied", denied.Text);
        Assert.Contains(failing, denied.Text);

        var working = FakeSts.RoleArn($"Works{Guid.NewGuid():N}"[..30]);
        var token = TestTokens.Issue("mia", roleArn: working);
        var identity = await McpCalls.CallAsync(Server.Http, AuthTools.AwsIdentityName, token);
        var status = await McpCalls.CallAsync(Server.Http, AuthTools.AuthStatusName, token);

        Assert.Equal(working, status.Json.GetProperty("role_arn").GetString());
        Assert.Equal(identity.Json.GetProperty("credentials_expire_at").GetDateTimeOffset(),
            status.Json.GetProperty("credentials_expire_at").GetDateTimeOffset());
        foreach (var text in new[] { identity.Body, status.Body })
        {
            Assert.DoesNotContain(IssuedCredentials.SecretPrefix, text);
            Assert.DoesNotContain(IssuedCredentials.SessionTokenPrefix, text);
            Assert.DoesNotContain(IssuedCredentials.AccessKeyPrefix, text);
        }
    }
}
