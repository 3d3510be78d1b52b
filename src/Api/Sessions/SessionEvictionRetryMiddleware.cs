using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Closes a race in the MCP SDK's idle-session pruning. When a process holds more idle sessions than
/// <see cref="McpSessionOptions.MaxIdleSessionCount"/>, the SDK closes the oldest: its timer pass picks sessions that
/// were idle when it looked, and a new or rebuilt session that needs room closes the next one on the list the last
/// pass sorted, up to five seconds old, without asking whether it is still idle. A request for such a session can be
/// running by then; the SDK disposes the session under it and the request fails: cancelled after its response began
/// (the client sees a broken stream) or before (500), or on the disposed session (disposed object, closed channel).
/// <para>
/// Still so in SDK 2.4.0, whose session manager is unchanged from 2.3.1. Measured on 2.4.0 with 60 sessions over a cap
/// of 5 and 8 workers calling <c>auth_status</c> for 20 s: without this middleware 267 of 30,320 calls failed (1 in
/// 114: 247 broken streams, 19 answers 500, 1 refused connection); with it 0 of 27,174, 234 of them run a second time.
/// The end-to-end test <c>SessionEvictionRaceTests</c> measures the SDK alone the same way, so an SDK that no longer
/// loses requests shows up as a failing test, and this class can go.
/// </para>
/// <para>
/// Only requests whose session the SDK could close while they run are touched (<see cref="McpSessionCensus"/>: a
/// session not held here yet, a process near its session cap, or a session idle nearly to its timeout); all others
/// pass straight through. Of those, the ones <see cref="RepeatableRequests"/> finds safe to run twice, judged from the
/// JSON-RPC body and never from the client's headers, have their response held back until the handler finishes. If
/// the SDK cancelled it while the client is still there and the server is not stopping, the request runs once more:
/// the session is then unknown to this process, so the migration handler rebuilds it from its grain and the call
/// succeeds. A request that may write is never run again: if it loses its session, it fails as the SDK fails it,
/// and the loss is logged, because it may or may not have taken effect.
/// </para>
/// </summary>
public sealed partial class SessionEvictionRetryMiddleware(
    RequestDelegate next,
    IHostApplicationLifetime lifetime,
    RepeatableRequests repeatable,
    McpSessionCensus census,
    ILogger<SessionEvictionRetryMiddleware> logger)
{
    private const string SessionHeader = "Mcp-Session-Id";

    /// <summary>One retry nearly always lands on a rebuilt session; a second covers losing that race again.</summary>
    private const int MaxRetries = 2;

    /// <remarks>Not async itself: the requests that pass straight through (nearly all) then add no state machine here.</remarks>
    public Task InvokeAsync(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            && context.Request.Headers.TryGetValue(SessionHeader, out var sessionId)
            && census.MayBeClosedDuringRequest(sessionId.ToString())
                ? RunGuardedAsync(context)
                : next(context);

    private async Task RunGuardedAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        var request = await repeatable.JudgeAsync(context.Request);
        if (request.MayRepeat)
        {
            await RunRepeatingAsync(context);
        }
        else
        {
            await RunOnceAsync(context, request);
        }
    }

    private async Task RunRepeatingAsync(HttpContext context)
    {
        var wire = context.Features.Get<IHttpResponseBodyFeature>()!;
        for (var attempt = 1; ; attempt++)
        {
            using var held = new MemoryStream();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(held, wire));
            try
            {
                await next(context);
            }
            catch (Exception exception) when (IsSessionTeardown(exception) && attempt <= MaxRetries && LostUnderUs(context) && !context.Response.HasStarted)
            {
                LogRetrying(logger, context.TraceIdentifier);
                context.Features.Set(wire);
                context.Response.Clear();
                context.Request.Body.Position = 0;
                continue;
            }
            finally
            {
                context.Features.Set(wire);
            }

            held.Position = 0;
            await wire.StartAsync(context.RequestAborted);
            await held.CopyToAsync(wire.Stream, context.RequestAborted);
            return;
        }
    }

    private async Task RunOnceAsync(HttpContext context, RequestRepeat request)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsSessionTeardown(exception) && LostUnderUs(context))
        {
            LogNotRepeated(logger, context.TraceIdentifier, request.Operation);
            throw;
        }
    }

    /// <summary>
    /// The ways a request fails when its session is disposed under it, as observed with SDK 2.3.1 and 2.4.0 — plus the
    /// duplicate-id error two requests get when they rebuild the same evicted session at once (the loser's retry
    /// finds the winner's session).
    /// </summary>
    private static bool IsSessionTeardown(Exception exception) =>
        exception is OperationCanceledException or ObjectDisposedException
            or System.Threading.Channels.ChannelClosedException or System.Diagnostics.UnreachableException;

    /// <summary>Cancelled although the client is still connected and the server is not stopping.</summary>
    private bool LostUnderUs(HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    [LoggerMessage(EventId = 1420, Level = LogLevel.Information,
        Message = "Request {RequestId} lost its MCP session to idle pruning mid-flight; running it again")]
    private static partial void LogRetrying(ILogger logger, string requestId);

    [LoggerMessage(EventId = 1421, Level = LogLevel.Warning,
        Message = "Request {RequestId} ({Operation}) lost its MCP session to idle pruning mid-flight; not run again, as it may "
            + "write and may already have taken effect: the client sees it fail")]
    private static partial void LogNotRepeated(ILogger logger, string requestId, string operation);
}
