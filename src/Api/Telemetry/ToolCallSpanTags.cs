using System.Diagnostics;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// What a <c>tools/call</c> span carries for an operator beyond the MCP SDK's own attributes (which already name the
/// tool as <c>gen_ai.tool.name</c>): the principal, as the grain key from
/// issuer and subject (a stable id, never the token or anything derived from a credential), and the outcome, which
/// the SDK records only for protocol errors while a tool's own failure is a successful JSON-RPC answer.
/// </summary>
public static class ToolCallSpanTags
{
    public const string PrincipalId = "quilt.principal.id";
    public const string Outcome = "quilt.tool.outcome";
    public const string SessionId = "mcp.session.id";

    public static void Apply(Activity? span, Caller? caller, string? sessionId, bool succeeded)
    {
        // No listener asked for this span's data (or there is no span): tagging it would be work nobody reads.
        if (span is null || !span.IsAllDataRequested)
        {
            return;
        }

        if (caller is not null)
        {
            span.SetTag(PrincipalId, caller.PrincipalId);
        }

        // The SDK's own value is its internal session object's id, not the Mcp-Session-Id the client, the logs and the
        // session grain know; the span carries the latter so an operator can follow one session across silos.
        if (sessionId is not null)
        {
            span.SetTag(SessionId, sessionId);
        }

        span.SetTag(Outcome, succeeded ? "success" : "error");
    }
}
