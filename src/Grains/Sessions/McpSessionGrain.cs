using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// Holds one session's record in durable storage. The grain keeps no other state, so it can be deactivated at
/// any time (idle collection, silo loss) and reactivated anywhere without losing anything a client needs.
/// </summary>
public sealed partial class McpSessionGrain(
    [PersistentState("session", McpSessionStorage.ProviderName)] IPersistentState<McpSessionState> state,
    ILogger<McpSessionGrain> logger) : Grain, IMcpSessionGrain
{
    public async Task<bool> RecordAsync(McpSessionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var existing = state.State.Record;
        if (existing is not null)
        {
            if (existing.OwnerPrincipalId != record.OwnerPrincipalId)
            {
                LogOwnerMismatch(logger, this.GetPrimaryKeyString());
                return false;
            }

            if (existing.InitializeParametersJson == record.InitializeParametersJson)
            {
                return true;
            }
        }

        state.State.Record = record;
        await state.WriteStateAsync();
        ReleaseMemory();
        return true;
    }

    public Task<McpSessionRecord?> GetAsync()
    {
        ReleaseMemory();
        return Task.FromResult(state.State.Record);
    }

    /// <summary>
    /// A session's record is needed only at initialize and when the session is rebuilt, so the activation leaves
    /// memory as soon as it is idle instead of waiting for collection: with thousands of open sessions, resident
    /// session grains would otherwise cost more than the sessions themselves.
    /// </summary>
    private void ReleaseMemory() => this.DeactivateOnIdle();

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning,
        Message = "MCP session {SessionId} is owned by another principal; the new record was refused")]
    private static partial void LogOwnerMismatch(ILogger logger, string sessionId);
}
