namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>One captured log event.</summary>
public sealed record CapturedLog(string Category, int EventId, IReadOnlyDictionary<string, string?> Fields, string Message);
