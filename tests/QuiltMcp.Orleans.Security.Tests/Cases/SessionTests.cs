using System.Net;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// Other principals' sessions: a session belongs to the principal (issuer and subject) that opened it, for every verb.
/// The same subject from the second trusted issuer is someone else.
/// </summary>
public sealed class SessionTests(HostileTarget target) : CorpusTest(target)
{
    [Fact]
    public async Task Hostile_same_subject_from_another_issuer_cannot_use_the_session()
    {
        var (session, _) = await OpenAsync(await Target.QuiltTokenAsync("alice"));
        var impostor = await Target.OidcTokenAsync("alice");

        var attack = await AttackAsync(Wire.InSession(impostor, session, Wire.SessionToolCall("auth_status")), impostor);

        Assert.Equal(HttpStatusCode.Forbidden, attack.Status);
    }

    [Fact]
    public async Task Hostile_same_subject_from_another_issuer_cannot_delete_the_session()
    {
        var owner = await Target.QuiltTokenAsync("alice");
        var (session, _) = await OpenAsync(owner);
        var impostor = await Target.OidcTokenAsync("alice");

        var attack = await AttackAsync(Wire.InSession(impostor, session, "", HttpMethod.Delete), impostor);

        Assert.Equal(HttpStatusCode.Forbidden, attack.Status);
        Assert.Contains("belongs to another user", attack.Body, StringComparison.Ordinal);
        var still = await SendAsync(Wire.InSession(owner, session, Wire.SessionToolCall("auth_status")));
        Assert.Equal(HttpStatusCode.OK, still.Status);
    }

    [Fact]
    public async Task Hostile_another_subject_cannot_use_or_delete_the_session()
    {
        var (session, _) = await OpenAsync(await Target.QuiltTokenAsync("bob"));
        var mallory = await Target.QuiltTokenAsync("mallory");

        var use = await AttackAsync(Wire.InSession(mallory, session, Wire.SessionToolCall("auth_status")), mallory);
        var delete = await AttackAsync(Wire.InSession(mallory, session, "", HttpMethod.Delete), mallory);

        Assert.Equal(HttpStatusCode.Forbidden, use.Status);
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
    }

    [Fact]
    public async Task Hostile_session_id_without_a_token_is_challenged()
    {
        var (session, _) = await OpenAsync(await Target.QuiltTokenAsync("carol"));

        var attack = await AttackAsync(Wire.InSession(null, session, Wire.SessionToolCall("auth_status")));

        AssertUnauthorized(attack, reason: null);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../../../../etc/passwd")]
    [InlineData("' OR '1'='1")]
    public async Task Hostile_unknown_or_malformed_session_ids_are_not_found(string session)
    {
        var token = await Target.QuiltTokenAsync("dave");

        var attack = await AttackAsync(Wire.InSession(token, session, Wire.SessionToolCall("auth_status")), token);

        Assert.Equal(HttpStatusCode.NotFound, attack.Status);
    }

    [Fact]
    public async Task Hostile_session_id_with_non_ascii_bytes_is_refused()
    {
        var token = await Target.QuiltTokenAsync("dave-bytes");

        var status = await RawAttackAsync(
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""",
            [$"Authorization: Bearer {token}", "Mcp-Session-Id: AAAAAAAAAAAAAAAAAAAAA\u00e9", "MCP-Protocol-Version: 2025-11-25"],
            token);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Hostile_a_deleted_session_cannot_be_revived_by_its_owner()
    {
        var owner = await Target.QuiltTokenAsync("erin");
        var (session, _) = await OpenAsync(owner);
        var deleted = await SendAsync(Wire.InSession(owner, session, "", HttpMethod.Delete));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);

        var attack = await AttackAsync(Wire.InSession(owner, session, Wire.SessionToolCall("auth_status")), owner);

        Assert.Equal(HttpStatusCode.NotFound, attack.Status);
    }

    private async Task<(string Session, HttpStatusCode Opened)> OpenAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = Target.BaseUri };
        using var request = Wire.Initialize(token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = Wire.InSession(token, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        using var ack = await http.SendAsync(initialized);
        Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        return (session, response.StatusCode);
    }
}
