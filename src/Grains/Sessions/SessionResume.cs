namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>The answer to a resume: the status, and the record only when the caller may have it.</summary>
[GenerateSerializer, Immutable, Alias("quilt.session-resume.v1")]
public sealed record SessionResume(
    [property: Id(0)] SessionResumeStatus Status,
    [property: Id(1)] McpSessionRecord? Record = null);
