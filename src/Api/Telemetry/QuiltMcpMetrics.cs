using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// The server's System.Diagnostics.Metrics instruments (meter <c>QuiltMcp</c>), ready for OpenTelemetry or
/// <c>dotnet-counters</c>. Tags are low-cardinality on purpose: outcome, error code, tool name; never a subject.
/// </summary>
public sealed class QuiltMcpMetrics
{
    public const string MeterName = "QuiltMcp";
    public const string RoleDecisionKind = "role";
    public const string ToolDecisionKind = "tool";

    private readonly Counter<long> _roleAssumptions;
    private readonly Histogram<double> _roleAssumptionDuration;
    private readonly Counter<long> _credentialLookups;
    private readonly Counter<long> _authDecisions;
    private readonly Counter<long> _toolCalls;
    private readonly Histogram<double> _toolCallDuration;

    public QuiltMcpMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _roleAssumptions = meter.CreateCounter<long>("quilt_mcp.sts.role_assumptions", "{call}",
            "STS AssumeRole calls, tagged outcome=success|failure and error_code.");
        _roleAssumptionDuration = meter.CreateHistogram<double>("quilt_mcp.sts.role_assumption.duration", "ms",
            "Latency of STS AssumeRole calls.");
        _credentialLookups = meter.CreateCounter<long>("quilt_mcp.credentials.lookups", "{lookup}",
            "Role credential lookups by tools, tagged result=hit|miss|error.");
        _authDecisions = meter.CreateCounter<long>("quilt_mcp.auth.decisions", "{decision}",
            "Authorization decisions, tagged kind=tool|role and decision=allowed|denied.");
        _toolCalls = meter.CreateCounter<long>("quilt_mcp.tool.calls", "{call}",
            "MCP tool calls, tagged tool and outcome=success|error.");
        _toolCallDuration = meter.CreateHistogram<double>("quilt_mcp.tool.duration", "ms",
            "Duration of MCP tool calls, tagged tool and outcome.");
    }

    public void RecordRoleAssumption(bool succeeded, string? errorCode, TimeSpan duration)
    {
        var tags = new TagList { { "outcome", succeeded ? "success" : "failure" } };
        if (!succeeded)
        {
            tags.Add("error_code", errorCode ?? "unknown");
        }

        _roleAssumptions.Add(1, tags);
        _roleAssumptionDuration.Record(duration.TotalMilliseconds, tags);
    }

    public void RecordCredentialLookup(string result) => _credentialLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public void RecordAuthDecision(string kind, bool allowed) =>
        _authDecisions.Add(1, new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("decision", allowed ? "allowed" : "denied"));

    public void RecordToolCall(string tool, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "tool", tool }, { "outcome", succeeded ? "success" : "error" } };
        _toolCalls.Add(1, tags);
        _toolCallDuration.Record(duration.TotalMilliseconds, tags);
    }
}
