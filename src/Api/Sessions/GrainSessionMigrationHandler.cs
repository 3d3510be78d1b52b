using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Lets an MCP session continue on any silo. At initialize the client's parameters are stored in the session's
/// grain (durable storage); when a request brings a session id this silo does not hold — the load balancer sent
/// it elsewhere, the first silo died, or this silo evicted the idle session to bound memory — the session is
/// rebuilt from that record, but only for the principal who created it.
/// </summary>
public sealed partial class GrainSessionMigrationHandler(IGrainFactory grains, TimeProvider timeProvider, ILogger<GrainSessionMigrationHandler> logger)
    : ISessionMigrationHandler
{
    public async ValueTask OnSessionInitializedAsync(HttpContext context, string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken)
    {
        var record = new McpSessionRecord
        {
            OwnerPrincipalId = CurrentPrincipalId(),
            InitializeParametersJson = JsonSerializer.Serialize(initializeParams, McpJsonUtilities.DefaultOptions),
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await grains.GetGrain<IMcpSessionGrain>(sessionId).RecordAsync(record).WaitAsync(cancellationToken);
    }

    public async ValueTask<InitializeRequestParams?> AllowSessionMigrationAsync(HttpContext context, string sessionId, CancellationToken cancellationToken)
    {
        var record = await grains.GetGrain<IMcpSessionGrain>(sessionId).GetAsync().WaitAsync(cancellationToken);
        if (record is null)
        {
            LogUnknown(logger, Shorten(sessionId));
            return null;
        }

        var caller = CurrentPrincipalId();
        if (record.OwnerPrincipalId != caller)
        {
            LogRefused(logger, Shorten(sessionId), caller);
            return null;
        }

        LogResumed(logger, Shorten(sessionId), caller);
        return JsonSerializer.Deserialize<InitializeRequestParams>(record.InitializeParametersJson, McpJsonUtilities.DefaultOptions);
    }

    private static string CurrentPrincipalId() => RuntimeContext.Current.Principal?.PrincipalId ?? PrincipalKeys.Anonymous;

    private static string Shorten(string sessionId) => sessionId.Length > 64 ? sessionId[..64] : sessionId;

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "MCP session {SessionId} resumed on this silo for {PrincipalId}")]
    private static partial void LogResumed(ILogger logger, string sessionId, string principalId);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning,
        Message = "Auth decision: denied MCP session {SessionId} to {PrincipalId}: it belongs to another principal")]
    private static partial void LogRefused(ILogger logger, string sessionId, string principalId);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "MCP session {SessionId} is unknown to the cluster")]
    private static partial void LogUnknown(ILogger logger, string sessionId);
}
