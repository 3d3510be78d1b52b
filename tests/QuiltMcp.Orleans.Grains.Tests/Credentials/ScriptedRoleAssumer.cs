using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Grains.Tests.Credentials;

/// <summary>
/// An STS stand-in for the cache's unit tests: each call takes the next scripted answer (credentials expiring at a
/// given time, an error, or a call the test completes later) and is counted.
/// </summary>
internal sealed class ScriptedRoleAssumer(TimeProvider time) : IRoleAssumer
{
    private readonly Queue<Func<Task<RoleCredentials>>> _answers = new();

    public int Calls { get; private set; }

    public void Succeeds(TimeSpan lifetime) => _answers.Enqueue(() => Task.FromResult(Credentials(lifetime)));

    public void Fails(string code) => _answers.Enqueue(() => Task.FromException<RoleCredentials>(new RoleAssumptionException(code, $"STS said {code}")));

    public void Throws(Exception exception) => _answers.Enqueue(() => Task.FromException<RoleCredentials>(exception));

    /// <summary>The next call waits until the test completes the returned source.</summary>
    public TaskCompletionSource<RoleCredentials> Pends()
    {
        var pending = new TaskCompletionSource<RoleCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers.Enqueue(() => pending.Task);
        return pending;
    }

    public RoleCredentials Credentials(TimeSpan lifetime) => new()
    {
        RoleArn = "arn:aws:iam::123456789012:role/Reader",
        AccessKeyId = $"ASIA{Calls:D4}",
        SecretAccessKey = "secret",
        SessionToken = "token",
        Expiration = time.GetUtcNow() + lifetime,
        AssumedRoleUserArn = "arn:aws:sts::123456789012:assumed-role/Reader/mcp-alice",
        SessionName = "mcp-alice",
    };

    public Task<RoleCredentials> AssumeRoleAsync(RoleSessionRequest request, CancellationToken cancellationToken)
    {
        Calls++;
        return _answers.Count > 0 ? _answers.Dequeue()() : throw new InvalidOperationException("No answer scripted for this STS call.");
    }
}
