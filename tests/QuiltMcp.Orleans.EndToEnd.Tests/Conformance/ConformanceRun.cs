namespace QuiltMcp.Orleans.EndToEnd.Tests.Conformance;

/// <summary>What one conformance scenario reported: the CLI's exit code, its checks, and its console output for failures.</summary>
public sealed record ConformanceRun(int ExitCode, IReadOnlyList<ConformanceCheck> Checks, string Log);
