using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Grains.Placement;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Lets an MCP session continue on any silo. At initialize the client's parameters are stored in the session's
/// grain (durable storage); when a request brings a session id this silo does not hold — the load balancer sent
/// it elsewhere, the first silo died, or this silo evicted the idle session to bound memory — the session is
/// rebuilt from that record, but only for the principal (issuer and subject) who created it, and never once it was
/// deleted. Either way the grain learns that this silo holds the session, so a later DELETE reaches it. A grain that
/// cannot be reached (its storage is down) makes the request fail with 503 within a bounded time (<see cref="SessionStoreGuard"/>),
/// never answer "unknown session", which would make the client drop a session that is not lost. Session ids
/// reach it only in our own form (<see cref="McpSessionIds"/>, checked by <see cref="SessionTerminationMiddleware"/>).
/// </summary>
public sealed partial class GrainSessionMigrationHandler(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    TimeProvider timeProvider,
    SessionStoreGuard store,
    ILogger<GrainSessionMigrationHandler> logger)
    : ISessionMigrationHandler
{
    private readonly string _holder = HolderSilo.KeyOf(silo.SiloAddress);

    public async ValueTask OnSessionInitializedAsync(HttpContext context, string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken)
    {
        var record = new McpSessionRecord
        {
            OwnerPrincipalId = context.PrincipalId(),
            InitializeParametersJson = JsonSerializer.Serialize(initializeParams, McpJsonUtilities.DefaultOptions),
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await store.RunAsync(sessionId, SessionStoreOperation.Record, () => grains.GetGrain<IMcpSessionGrain>(sessionId).RecordAsync(record, _holder), cancellationToken);
    }

    public async ValueTask<InitializeRequestParams?> AllowSessionMigrationAsync(HttpContext context, string sessionId, CancellationToken cancellationToken)
    {
        var caller = context.PrincipalId();
        var resume = await store.RunAsync(sessionId, SessionStoreOperation.Resume, () => grains.GetGrain<IMcpSessionGrain>(sessionId).ResumeAsync(caller, _holder), cancellationToken);
        switch (resume.Status)
        {
            case SessionResumeStatus.Resumed:
                LogResumed(logger, sessionId, caller);
                return JsonSerializer.Deserialize<InitializeRequestParams>(resume.Record!.InitializeParametersJson, McpJsonUtilities.DefaultOptions);
            case SessionResumeStatus.OwnedByAnother:
                LogRefused(logger, sessionId, caller);
                return null;
            case SessionResumeStatus.Deleted:
                LogDeleted(logger, sessionId);
                return null;
            default:
                LogUnknown(logger, sessionId);
                return null;
        }
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "MCP session {SessionId} resumed on this silo for {PrincipalId}")]
    private static partial void LogResumed(ILogger logger, string sessionId, string principalId);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning,
        Message = "Auth decision: denied MCP session {SessionId} to {PrincipalId}: it belongs to another principal")]
    private static partial void LogRefused(ILogger logger, string sessionId, string principalId);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "MCP session {SessionId} is unknown to the cluster")]
    private static partial void LogUnknown(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Information, Message = "MCP session {SessionId} was deleted by its owner; it is not rebuilt")]
    private static partial void LogDeleted(ILogger logger, string sessionId);
}
