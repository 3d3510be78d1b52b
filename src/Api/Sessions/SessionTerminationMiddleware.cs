using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Makes DELETE end an MCP session for good, on every process. The SDK only drops the session from the memory of the
/// process the DELETE reaches; its stored record would let any process (this one included) rebuild it on the next
/// request. So a DELETE first ends the session in its grain (owner only: the principal, issuer and subject, who
/// opened it), which leaves a tombstone and tells every process holding the session to drop it; then the SDK
/// disposes its local copy. Requests for a deleted session, and ids that cannot be ours, get 404.
/// </summary>
public sealed partial class SessionTerminationMiddleware(
    RequestDelegate next,
    TerminatedSessions terminated,
    IGrainFactory grains,
    SessionStoreGuard store,
    ILogger<SessionTerminationMiddleware> logger)
{
    /// <summary>The SDK's own answer for an unknown session (-32001, as the TypeScript SDK does).</summary>
    private const int SessionNotFoundCode = -32001;

    private const int ShownLength = 64;

    /// <remarks>Not async itself: the requests that pass straight on (nearly all) then add no state machine here.</remarks>
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(McpSessionIds.Header, out var header))
        {
            return next(context);
        }

        var sessionId = header.ToString();
        var wellFormed = McpSessionIds.IsWellFormed(sessionId);
        if (!wellFormed || terminated.IsTerminated(sessionId))
        {
            LogRefusedId(logger, wellFormed ? sessionId : Shorten(sessionId), wellFormed ? "deleted by its owner" : "not an id this server issues");
            return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, SessionNotFoundCode, "Session not found");
        }

        return HttpMethods.IsDelete(context.Request.Method) ? DeleteAsync(context, sessionId) : next(context);
    }

    private async Task DeleteAsync(HttpContext context, string sessionId)
    {
        var principalId = context.PrincipalId();
        var status = await store.RunAsync(
            sessionId, SessionStoreOperation.Delete, () => grains.GetGrain<IMcpSessionGrain>(sessionId).DeleteAsync(principalId), context.RequestAborted);
        LogDelete(logger, sessionId, principalId, status);
        switch (status)
        {
            case SessionDeleteStatus.Deleted:
                terminated.SessionTerminated(sessionId);
                await next(context);
                break;
            case SessionDeleteStatus.AlreadyDeleted:
                // Also when this request's own delete was retried after its first attempt wrote the tombstone on a silo
                // that was then lost: that attempt may not have reached this process, so stop serving the session here.
                terminated.SessionTerminated(sessionId);
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, SessionNotFoundCode, "Session not found");
                break;
            case SessionDeleteStatus.OwnedByAnother:
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, (int)McpErrorCode.InvalidRequest,
                    "Forbidden: this session belongs to another user.");
                break;
            default:
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, SessionNotFoundCode, "Session not found");
                break;
        }
    }

    private static string Shorten(string text) => text.Length > ShownLength ? text[..ShownLength] + "…" : text;

    [LoggerMessage(EventId = 1415, Level = LogLevel.Information, Message = "Refused MCP session id {SessionId}: {Reason}")]
    private static partial void LogRefusedId(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Information,
        Message = "Auth decision: DELETE of MCP session {SessionId} by {PrincipalId}: {Status}")]
    private static partial void LogDelete(ILogger logger, string sessionId, string principalId, SessionDeleteStatus status);
}
