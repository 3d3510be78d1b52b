namespace QuiltMcp.Orleans.EndToEnd.Tests.Dependencies;

/// <summary>One call a test made while a dependency failed: when it started (on the test's clock), how long it took, how it ended.</summary>
public sealed record CallOutcome(TimeSpan StartedAt, TimeSpan Duration, bool Succeeded, string Detail)
{
    public TimeSpan EndedAt => StartedAt + Duration;
}
