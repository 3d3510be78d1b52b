using System.Collections.Concurrent;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

/// <summary>A session grain whose answers the test sets, recording every call it gets.</summary>
internal sealed class ScriptedSessionGrain : IMcpSessionGrain
{
    public SessionDeleteStatus DeleteAnswer { get; set; } = SessionDeleteStatus.Deleted;

    public SessionResume ResumeAnswer { get; set; } = new(SessionResumeStatus.Unknown);

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<(McpSessionRecord Record, string Holder)> Recorded { get; } = new();

    /// <summary>What every call throws, as a grain whose storage cannot be reached fails; null answers.</summary>
    public Exception? Failure { get; set; }

    /// <summary>What every call waits for before answering (a store that does not answer); null answers at once.</summary>
    public Task? Hold { get; set; }

    public async Task<bool> RecordAsync(McpSessionRecord record, string holder)
    {
        Calls.Enqueue($"record {record.OwnerPrincipalId} on {holder}");
        await AnswerAsync();
        Recorded.Enqueue((record, holder));
        return true;
    }

    public async Task<SessionResume> ResumeAsync(string principalId, string holder)
    {
        Calls.Enqueue($"resume {principalId} on {holder}");
        await AnswerAsync();
        return ResumeAnswer;
    }

    public async Task<SessionDeleteStatus> DeleteAsync(string principalId)
    {
        Calls.Enqueue($"delete {principalId}");
        await AnswerAsync();
        return DeleteAnswer;
    }

    private async Task AnswerAsync()
    {
        if (Hold is { } hold)
        {
            await hold;
        }

        if (Failure is { } failure)
        {
            throw failure;
        }
    }

    public Task<McpSessionRecord?> GetAsync() => throw new NotSupportedException();
}
