namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>One long-lived MCP session of a <see cref="ContinuousLoad"/>.</summary>
/// <param name="Index">Its place in the load, as <see cref="LoadCall.Session"/> names it.</param>
/// <param name="Token">Its user's bearer token.</param>
/// <param name="Id">Its <c>Mcp-Session-Id</c>.</param>
/// <param name="ExpectedPrincipal">Text every correct answer for this user contains (the end of its principal id).</param>
/// <param name="ExpectedRole">Text every correct answer contains (the end of the role its token selects).</param>
public sealed record LoadSession(int Index, string Token, string Id, string ExpectedPrincipal, string ExpectedRole)
{
    /// <summary>True when <paramref name="answer"/> (a response, or its body) is this session's user's status.</summary>
    public bool IsAnsweredBy(string answer) =>
        answer.Contains(ExpectedPrincipal, StringComparison.Ordinal) && answer.Contains(ExpectedRole, StringComparison.Ordinal);
}
