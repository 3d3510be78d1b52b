using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class SessionTerminationMiddlewareTests
{
    private const string SessionId = "AbCdEfGhIjKlMnOpQrSt_-";
    private static readonly string Alice = PrincipalKeys.ForToken("quilt-frontend", "alice");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, ScriptedSessionGrain> _sessions = new(StringComparer.Ordinal);
    private readonly TestGrainFactory _grains = TestGrainFactory.Create();
    private readonly TerminatedSessions _terminated;
    private Caller? _caller = TestCallers.Web(new PrincipalClaims { Subject = "alice", Issuer = "quilt-frontend" });
    private int _nextCalls;

    public SessionTerminationMiddlewareTests()
    {
        _terminated = new TerminatedSessions(Options.Create(new McpSessionOptions()), _time);
        _grains.Register<IMcpSessionGrain>(key => _sessions.GetOrAdd(key, _ => new ScriptedSessionGrain()));
    }

    [Fact]
    public async Task Requests_without_a_session_pass_untouched()
    {
        var context = await InvokeAsync(HttpMethods.Post, sessionId: null);

        Assert.Equal(1, _nextCalls);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Empty(_sessions);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Other_verbs_on_a_live_session_pass_without_asking_the_grain(string method)
    {
        await InvokeAsync(method, SessionId);

        Assert.Equal(1, _nextCalls);
        Assert.Empty(_sessions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAA")] // 15: one short
    [InlineData("../../../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA\u0000")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 65: one long
    public async Task Ids_that_cannot_be_ours_are_not_found_before_any_lookup(string sessionId)
    {
        foreach (var method in new[] { HttpMethods.Post, HttpMethods.Get, HttpMethods.Delete })
        {
            var context = await InvokeAsync(method, sessionId);
            await AssertSessionNotFoundAsync(context);
        }

        Assert.Equal(0, _nextCalls);
        Assert.Empty(_sessions);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAA")] // 16
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 64
    public async Task Ids_at_the_length_bounds_are_well_formed(string sessionId)
    {
        await InvokeAsync(HttpMethods.Post, sessionId);
        Assert.Equal(1, _nextCalls);
    }

    [Fact]
    public async Task A_terminated_session_is_not_found_for_every_verb()
    {
        _terminated.SessionTerminated(SessionId);

        foreach (var method in new[] { HttpMethods.Post, HttpMethods.Get, HttpMethods.Delete })
        {
            await AssertSessionNotFoundAsync(await InvokeAsync(method, SessionId));
        }

        Assert.Equal(0, _nextCalls);
        Assert.Empty(_sessions);
    }

    [Fact]
    public async Task The_owner_s_delete_ends_the_session_here_and_lets_the_sdk_drop_its_copy()
    {
        var context = await InvokeAsync(HttpMethods.Delete, SessionId);

        Assert.Equal(["delete " + Alice], _sessions[SessionId].Calls);
        Assert.Equal(1, _nextCalls);
        Assert.True(_terminated.IsTerminated(SessionId));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_delete_by_another_principal_is_forbidden_and_changes_nothing_here()
    {
        _sessions[SessionId] = new ScriptedSessionGrain { DeleteAnswer = SessionDeleteStatus.OwnedByAnother };

        var context = await InvokeAsync(HttpMethods.Delete, SessionId);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        var error = (await BodyAsync(context)).GetProperty("error");
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
        Assert.Equal("Forbidden: this session belongs to another user.", error.GetProperty("message").GetString());
        Assert.Equal(0, _nextCalls);
        Assert.False(_terminated.IsTerminated(SessionId));
    }

    [Theory]
    [InlineData(SessionDeleteStatus.Unknown, false)]
    [InlineData(SessionDeleteStatus.AlreadyDeleted, true)]
    public async Task Deleting_what_does_not_exist_is_not_found(SessionDeleteStatus status, bool terminatedHere)
    {
        _sessions[SessionId] = new ScriptedSessionGrain { DeleteAnswer = status };

        var context = await InvokeAsync(HttpMethods.Delete, SessionId);

        await AssertSessionNotFoundAsync(context);
        Assert.Equal(0, _nextCalls);

        // A session its owner deleted (perhaps by this very request, retried after its first attempt's silo was lost,
        // before that attempt told this process) is not served here again.
        Assert.Equal(terminatedHere, _terminated.IsTerminated(SessionId));
    }

    [Fact]
    public async Task An_anonymous_caller_deletes_as_the_anonymous_principal()
    {
        _caller = null;

        await InvokeAsync(HttpMethods.Delete, SessionId);

        Assert.Equal(["delete " + PrincipalKeys.Anonymous], _sessions[SessionId].Calls);
    }

    [Fact]
    public async Task A_delete_whose_session_store_fails_is_refused_as_retryable_and_ends_nothing()
    {
        _sessions[SessionId] = new ScriptedSessionGrain { Failure = new TimeoutException("storage") };

        var refused = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => InvokeAsync(HttpMethods.Delete, SessionId));

        Assert.Equal(SessionStoreOperation.Delete, refused.Operation);
        Assert.Equal(0, _nextCalls);
        Assert.False(_terminated.IsTerminated(SessionId));
    }

    private async Task<HttpContext> InvokeAsync(string method, string? sessionId)
    {
        var context = new DefaultHttpContext();
        if (_caller is not null)
        {
            context.User = new CallerPrincipal(_caller, new System.Security.Claims.ClaimsIdentity("test"));
        }

        context.Request.Method = method;
        context.Request.Path = "/mcp";
        context.Response.Body = new MemoryStream();
        if (sessionId is not null)
        {
            context.Request.Headers[McpSessionIds.Header] = sessionId;
        }

        var middleware = new SessionTerminationMiddleware(_ =>
        {
            _nextCalls++;
            return Task.CompletedTask;
        }, _terminated, _grains.Factory, new SessionStoreGuard(Options.Create(new McpSessionOptions()), NullLogger<SessionStoreGuard>.Instance),
            NullLogger<SessionTerminationMiddleware>.Instance);
        await middleware.InvokeAsync(context);
        return context;
    }

    private static async Task AssertSessionNotFoundAsync(HttpContext context)
    {
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        var body = await BodyAsync(context);
        Assert.Equal("2.0", body.GetProperty("jsonrpc").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("id").ValueKind);
        Assert.Equal(-32001, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Session not found", body.GetProperty("error").GetProperty("message").GetString());
    }

    private static async Task<JsonElement> BodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return document.RootElement.Clone();
    }
}
