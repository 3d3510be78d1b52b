using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Closes a race in the MCP SDK's idle-session pruning. When a process holds more idle sessions than
/// <see cref="McpSessionOptions.MaxIdleSessionCount"/>, the SDK disposes the oldest; a request for that session
/// arriving at the same moment can find it, then have it disposed under it, and the SDK cancels the request after
/// the response has already started (the client sees a broken stream), or fails on the disposed session
/// (disposed object, closed channel). Measured: about 1 request in 120 with 300
/// sessions over a cap of 20 under constant traffic.
/// <para>
/// Only requests whose session the SDK could close while they run are touched (<see cref="McpSessionCensus"/>: a
/// session not held here yet, a process near its session cap, or a session idle nearly to its timeout); all others
/// pass straight through.
/// For those that are safe to repeat (anything but a call of a tool not marked read-only) the response is held
/// back until the handler finishes. If the SDK cancelled it while the client is still there and the server is not
/// stopping, the request runs once more: the session is then unknown to this process, so the migration handler
/// rebuilds it from its grain and the call succeeds. Other requests pass through untouched.
/// </para>
/// </summary>
public sealed partial class SessionEvictionRetryMiddleware(
    RequestDelegate next,
    IHostApplicationLifetime lifetime,
    IOptions<McpServerOptions> server,
    McpSessionCensus census,
    ILogger<SessionEvictionRetryMiddleware> logger)
{
    private const string SessionHeader = "Mcp-Session-Id";

    /// <summary>One retry nearly always lands on a rebuilt session; a second covers losing that race again.</summary>
    private const int MaxRetries = 2;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(SessionHeader, out var sessionId)
            || !census.MayBeClosedDuringRequest(sessionId.ToString()))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        if (!await IsSafeToRepeatAsync(context.Request))
        {
            await next(context);
            return;
        }

        var wire = context.Features.Get<IHttpResponseBodyFeature>()!;
        for (var attempt = 1; ; attempt++)
        {
            using var held = new MemoryStream();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(held, wire));
            try
            {
                await next(context);
            }
            catch (Exception exception) when (IsSessionTeardown(exception) && attempt <= MaxRetries && WasDisposedUnderUs(context))
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

    /// <summary>
    /// The ways a request fails when its session is disposed under it, as observed with SDK 2.3.1 — plus the
    /// duplicate-id error two requests get when they rebuild the same evicted session at once (the loser's retry
    /// finds the winner's session).
    /// </summary>
    private static bool IsSessionTeardown(Exception exception) =>
        exception is OperationCanceledException or ObjectDisposedException
            or System.Threading.Channels.ChannelClosedException or System.Diagnostics.UnreachableException;

    /// <summary>Cancelled although the client is still connected and the server is not stopping.</summary>
    private bool WasDisposedUnderUs(HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested
        && !lifetime.ApplicationStopping.IsCancellationRequested
        && !context.Response.HasStarted;

    private async Task<bool> IsSafeToRepeatAsync(HttpRequest request)
    {
        string? method = request.Headers["Mcp-Method"];
        string? tool = request.Headers["Mcp-Name"];
        if (method is null)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                tool = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            }
            catch (JsonException)
            {
                // Not ours to judge: the SDK answers malformed JSON-RPC with its own error.
                return false;
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        if (method != "tools/call")
        {
            // Listing and other requests read state only; notifications carry no result to lose.
            return method is not null;
        }

        return tool is not null
            && server.Value.ToolCollection?.TryGetPrimitive(tool, out var primitive) == true
            && primitive.ProtocolTool.Annotations?.ReadOnlyHint == true;
    }

    [LoggerMessage(EventId = 1420, Level = LogLevel.Information,
        Message = "Request {RequestId} lost its MCP session to idle pruning mid-flight; running it again")]
    private static partial void LogRetrying(ILogger logger, string requestId);
}
