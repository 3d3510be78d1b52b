using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using QuiltMcp.Orleans.Api.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class SessionStoreUnavailableMiddlewareTests
{
    [Fact]
    public async Task A_session_store_outage_is_answered_503_with_retry_after_and_a_json_rpc_error_and_no_session_id()
    {
        var context = Context();

        await new SessionStoreUnavailableMiddleware(inner =>
        {
            // What the SDK had done before the failure: named the session it was creating and chosen its stream type.
            inner.Response.Headers["Mcp-Session-Id"] = "AbCdEfGhIjKlMnOpQrSt_-";
            inner.Response.ContentType = "text/event-stream";
            throw new SessionStoreUnavailableException(SessionStoreOperation.Record);
        }).InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.False(context.Response.Headers.ContainsKey("Mcp-Session-Id"));
        Assert.Equal("application/json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        var body = (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;
        Assert.Equal("2.0", body.GetProperty("jsonrpc").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("id").ValueKind);
        Assert.Equal(-32603, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(
            "Service unavailable: the session store did not answer, so no session was created. Initialize again in a few seconds.",
            body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Requests_that_succeed_and_other_failures_pass_untouched()
    {
        var context = Context();
        await new SessionStoreUnavailableMiddleware(inner =>
        {
            inner.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        }).InvokeAsync(context);
        Assert.Equal(StatusCodes.Status202Accepted, context.Response.StatusCode);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SessionStoreUnavailableMiddleware(_ => throw new InvalidOperationException("a bug")).InvokeAsync(Context()));
    }

    [Fact]
    public async Task A_response_already_started_cannot_be_replaced_so_the_failure_goes_on()
    {
        var context = Context();
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => new SessionStoreUnavailableMiddleware(
            _ => throw new SessionStoreUnavailableException(SessionStoreOperation.Resume)).InvokeAsync(context));
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
