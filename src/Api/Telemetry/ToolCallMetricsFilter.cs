using System.Diagnostics;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// Counts and times every <c>tools/call</c>, including refused and failing ones, and marks the call's span (the MCP
/// SDK's, when traces are exported) with who called and how it ended.
/// </summary>
public static class ToolCallMetricsFilter
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddCallToolFilter(next => async (request, cancellationToken) =>
        {
            var metrics = request.Services!.GetRequiredService<QuiltMcpMetrics>();
            var tool = request.MatchedPrimitive is null ? "unknown" : request.Params?.Name ?? "unknown";
            var span = Activity.Current;
            var started = Stopwatch.GetTimestamp();
            var succeeded = false;
            try
            {
                var result = await next(request, cancellationToken);
                succeeded = result.IsError != true;
                return result;
            }
            finally
            {
                metrics.RecordToolCall(tool, succeeded, Stopwatch.GetElapsedTime(started));
                ToolCallSpanTags.Apply(span, RuntimeContext.Current, request.Server.SessionId, succeeded);
            }
        });
    }
}
