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

    public Task<bool> RecordAsync(McpSessionRecord record, string holder)
    {
        Calls.Enqueue($"record {record.OwnerPrincipalId} on {holder}");
        Recorded.Enqueue((record, holder));
        return Task.FromResult(true);
    }

    public Task<SessionResume> ResumeAsync(string principalId, string holder)
    {
        Calls.Enqueue($"resume {principalId} on {holder}");
        return Task.FromResult(ResumeAnswer);
    }

    public Task<SessionDeleteStatus> DeleteAsync(string principalId)
    {
        Calls.Enqueue($"delete {principalId}");
        return Task.FromResult(DeleteAnswer);
    }

    public Task<McpSessionRecord?> GetAsync() => throw new NotSupportedException();
}
