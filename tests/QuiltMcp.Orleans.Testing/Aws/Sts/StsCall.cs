namespace QuiltMcp.Orleans.Testing.Aws.Sts;

/// <summary>One AssumeRole call as the fake STS received it.</summary>
/// <param name="Signed">True when the request carried a SigV4 Authorization header (the task's own credentials).</param>
public sealed record StsCall(
    string RoleArn,
    string RoleSessionName,
    string SourceIdentity,
    int DurationSeconds,
    IReadOnlyDictionary<string, string> Tags,
    bool Signed);
