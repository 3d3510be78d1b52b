using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// Holds one session's record in durable storage, who owns it, which processes may hold it in memory, and, once its
/// owner deleted it, a tombstone. The grain keeps no other state, so it can be deactivated at any time (idle
/// collection, silo loss) and reactivated anywhere without losing anything a client needs.
/// </summary>
public sealed partial class McpSessionGrain(
    [PersistentState("session", McpSessionStorage.ProviderName)] IPersistentState<McpSessionState> state,
    TimeProvider time,
    ILogger<McpSessionGrain> logger) : Grain, IMcpSessionGrain
{
    /// <summary>
    /// Holders remembered per session. A session is rebuilt on a process at most once per stay in its memory, so
    /// this is about the number of tasks a client's requests reached; beyond it the oldest are forgotten (a process
    /// that old has most likely been replaced).
    /// </summary>
    internal const int MaxHolders = 64;

    /// <summary>How long a delete waits for each holding process to drop the session.</summary>
    private static readonly TimeSpan TerminateTimeout = TimeSpan.FromSeconds(5);

    public async Task<bool> RecordAsync(McpSessionRecord record, string holder)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        if (state.State.Tombstone is not null)
        {
            LogDeletedReuse(logger, this.GetPrimaryKeyString());
            return false;
        }

        var existing = state.State.Record;
        if (existing is not null && existing.OwnerPrincipalId != record.OwnerPrincipalId)
        {
            LogOwnerMismatch(logger, this.GetPrimaryKeyString());
            return false;
        }

        var changed = AddHolder(holder);
        if (existing?.InitializeParametersJson != record.InitializeParametersJson)
        {
            state.State.Record = record;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        ReleaseMemory();
        return true;
    }

    public async Task<SessionResume> ResumeAsync(string principalId, string holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(principalId);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ReleaseMemory();
        if (state.State.Tombstone is not null)
        {
            return new SessionResume(SessionResumeStatus.Deleted);
        }

        if (state.State.Record is not { } record)
        {
            return new SessionResume(SessionResumeStatus.Unknown);
        }

        if (record.OwnerPrincipalId != principalId)
        {
            return new SessionResume(SessionResumeStatus.OwnedByAnother);
        }

        // Written before the answer: a delete that follows must find this process among the holders.
        if (AddHolder(holder))
        {
            await state.WriteStateAsync();
        }

        return new SessionResume(SessionResumeStatus.Resumed, record);
    }

    public async Task<SessionDeleteStatus> DeleteAsync(string principalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(principalId);
        ReleaseMemory();
        if (state.State.Tombstone is { } tombstone)
        {
            return tombstone.OwnerPrincipalId == principalId ? SessionDeleteStatus.AlreadyDeleted : SessionDeleteStatus.OwnedByAnother;
        }

        if (state.State.Record is not { } record)
        {
            return SessionDeleteStatus.Unknown;
        }

        if (record.OwnerPrincipalId != principalId)
        {
            return SessionDeleteStatus.OwnedByAnother;
        }

        var holders = state.State.Holders.ToArray();
        state.State.Tombstone = new McpSessionTombstone { OwnerPrincipalId = record.OwnerPrincipalId, DeletedAt = time.GetUtcNow() };
        state.State.Record = null;
        state.State.Holders = [];
        await state.WriteStateAsync();

        // After the tombstone is durable: from here no process can rebuild the session, and these drop their copy.
        await Task.WhenAll(holders.Select(TerminateOnAsync));
        return SessionDeleteStatus.Deleted;
    }

    private bool AddHolder(string holder)
    {
        var holders = state.State.Holders;
        if (holders.Contains(holder, StringComparer.Ordinal))
        {
            // Stryker disable once Boolean: "changed" only decides whether to write the unchanged state again.
            return false;
        }

        holders.Add(holder);
        // Stryker disable once Equality: at exactly MaxHolders the range removed is empty (an equivalent mutant).
        if (holders.Count > MaxHolders)
        {
            holders.RemoveRange(0, holders.Count - MaxHolders);
        }

        return true;
    }

    private async Task TerminateOnAsync(string holder)
    {
        try
        {
            await GrainFactory.GetGrain<IProcessSessionsGrain>(holder)
                .TerminateAsync(this.GetPrimaryKeyString())
                .WaitAsync(TerminateTimeout);
        }
        catch (Exception exception)
        {
            // A process that is gone holds nothing; one that did not answer keeps the session only until it idles out.
            LogHolderUnreachable(logger, this.GetPrimaryKeyString(), holder, exception.GetType().Name);
        }
    }

    /// <summary>
    /// A session's record is needed only at initialize, when the session is rebuilt and when it is deleted, so the
    /// activation leaves memory as soon as it is idle instead of waiting for collection: with thousands of open
    /// sessions, resident session grains would otherwise cost more than the sessions themselves.
    /// </summary>
    private void ReleaseMemory() => this.DeactivateOnIdle();

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning,
        Message = "MCP session {SessionId} is owned by another principal; the new record was refused")]
    private static partial void LogOwnerMismatch(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "MCP session {SessionId} was deleted; it cannot be recorded again")]
    private static partial void LogDeletedReuse(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning,
        Message = "MCP session {SessionId} was deleted but process {Holder} could not be told ({Error}); it stops serving it when the session idles out")]
    private static partial void LogHolderUnreachable(ILogger logger, string sessionId, string holder, string error);
}
