using System.Net;
using System.Text.Json;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// <c>X-Quilt-User-Role</c> never selects a role on its own: without a token, malformed, or naming a role the token
/// does not grant, it is refused before any tool runs, and no role is assumed.
/// </summary>
public sealed class RoleHeaderTests(HostileTarget target) : CorpusTest(target)
{
    private const string Header = "X-Quilt-User-Role";

    [Fact]
    public async Task Hostile_role_header_without_a_token_is_challenged()
    {
        var request = Wire.ToolCall(null, "aws_identity", null);
        request.Headers.Add(Header, HostileTarget.RoleArn(HostileTarget.ReaderRole));

        AssertUnauthorized(await AttackAsync(request), reason: null);
    }

    [Theory]
    [InlineData("admin", "role 'arn:aws:iam::123456789012:role/admin' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    [InlineData("arn:aws:iam::999999999999:role/data-reader", "role 'arn:aws:iam::999999999999:role/data-reader' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    [InlineData("arn:aws:iam::123456789012:role/../data-reader", "role 'arn:aws:iam::123456789012:role/../data-reader' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    [InlineData("arn:aws:iam::123456789012:role/path/data-reader", "role 'arn:aws:iam::123456789012:role/path/data-reader' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    [InlineData("DATA-READER", "role 'arn:aws:iam::123456789012:role/DATA-READER' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    [InlineData("data-reader,admin", "role 'arn:aws:iam::123456789012:role/data-reader,admin' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)")]
    public async Task Hostile_ungranted_role_is_forbidden(string role, string reason)
    {
        var token = await Target.QuiltTokenAsync("role-climber");
        var request = Wire.ToolCall(token, "aws_identity", null);
        request.Headers.TryAddWithoutValidation(Header, role);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.Forbidden, attack.Status);
        Assert.Equal(reason, Description(attack));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/admin")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/data-reader/x")]
    [InlineData("role with spaces")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_role_header_that_is_no_role_is_a_bad_request(string role)
    {
        var token = await Target.QuiltTokenAsync("role-junk");
        var request = Wire.ToolCall(token, "aws_identity", null);
        request.Headers.TryAddWithoutValidation(Header, role);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.BadRequest, attack.Status);
        Assert.Equal("the X-Quilt-User-Role header is neither an IAM role ARN nor a role name", Description(attack));
    }

    /// <summary>Non-ASCII header bytes (which no HTTP client library sends) are refused by the server before anything runs.</summary>
    [Theory]
    [InlineData("data-reader\u00a0")]
    [InlineData("r\u00f4le")]
    [InlineData("data-reader\u202e")]
    public async Task Hostile_role_header_with_non_ascii_bytes_is_a_bad_request(string role)
    {
        var token = await Target.QuiltTokenAsync("role-bytes");

        var status = await RawAttackAsync(
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"aws_identity","arguments":{}}}""",
            [$"Authorization: Bearer {token}", $"{Header}: {role}", "MCP-Protocol-Version: 2025-11-25"],
            token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Hostile_very_long_role_header_is_a_bad_request()
    {
        var token = await Target.QuiltTokenAsync("role-long");
        var request = Wire.ToolCall(token, "aws_identity", null);
        request.Headers.TryAddWithoutValidation(Header, "arn:aws:iam::123456789012:role/" + new string('a', 3000));

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.BadRequest, attack.Status);
    }

    [Fact]
    public async Task The_granted_role_by_header_is_used()
    {
        var token = await Target.QuiltTokenAsync("role-granted");
        var request = Wire.ToolCall(token, "aws_identity", null);
        request.Headers.Add(Header, HostileTarget.ReaderRole);

        var attack = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.Contains(HostileTarget.RoleArn(HostileTarget.ReaderRole), attack.ToolText, StringComparison.Ordinal);
    }

    private static string? Description(Attack attack) =>
        JsonDocument.Parse(attack.Body).RootElement.GetProperty("error_description").GetString();
}
