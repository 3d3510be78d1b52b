using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// The SDK's session migration hook at its simplest: every session's initialize parameters kept in memory, and a
/// closed session rebuilt from them for anyone. What <c>GrainSessionMigrationHandler</c> does with a grain and an owner
/// check, without either, so <see cref="SdkOnlyServer"/> measures the SDK alone.
/// </summary>
internal sealed class RememberedSessions : ISessionMigrationHandler
{
    private readonly ConcurrentDictionary<string, InitializeRequestParams> _sessions = new(StringComparer.Ordinal);

    public ValueTask OnSessionInitializedAsync(HttpContext context, string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken)
    {
        _sessions[sessionId] = initializeParams;
        return ValueTask.CompletedTask;
    }

    public ValueTask<InitializeRequestParams?> AllowSessionMigrationAsync(HttpContext context, string sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_sessions.GetValueOrDefault(sessionId));
}
