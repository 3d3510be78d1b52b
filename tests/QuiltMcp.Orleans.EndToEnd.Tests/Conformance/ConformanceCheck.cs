namespace QuiltMcp.Orleans.EndToEnd.Tests.Conformance;

/// <summary>One check of a conformance scenario: <c>SUCCESS</c>, <c>FAILURE</c>, <c>WARNING</c> or <c>INFO</c>.</summary>
public sealed record ConformanceCheck(string Id, string Status, string? ErrorMessage);
