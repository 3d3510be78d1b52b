using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Access;

/// <summary>
/// MCP request filters that apply <see cref="ToolAccessPolicy"/>: <c>tools/list</c> shows only what the caller
/// may call, and <c>tools/call</c> of anything else is refused before the tool runs, with a tool error naming the scope
/// the tool needs.
/// </summary>
public static class ToolAuthorizationFilters
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListToolsFilter(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var policy = request.Services!.GetRequiredService<ToolAccessPolicy>();
            var caller = request.Services!.GetRequiredService<Caller>();
            result.Tools = result.Tools.Where(tool => policy.Decide(tool.Name, caller).Allowed).ToList();
            return result;
        });

        ILogger? decisions = null;
        // Not an async lambda: an allowed call hands on next's task and adds no state machine to the call.
        filters.AddCallToolFilter(next => (request, cancellationToken) =>
        {
            if (request.MatchedPrimitive is null)
            {
                // Not one of our tools: ToolCallRequestCheck has already refused the message; this stays only so a
                // filter order change could never let an unknown name through to an authorization decision.
                return next(request, cancellationToken);
            }

            var tool = request.Params?.Name ?? "";
            var caller = request.Services!.GetRequiredService<Caller>();
            var decision = request.Services!.GetRequiredService<ToolAccessPolicy>().Decide(tool, caller);
            decisions ??= request.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(AuthDecisionLog.Category);
            AuthDecisionLog.ToolDecision(decisions, tool, caller, decision);
            request.Services!.GetService<Telemetry.QuiltMcpMetrics>()?.RecordAuthDecision(Telemetry.QuiltMcpMetrics.ToolDecisionKind, decision.Allowed);
            if (!decision.Allowed)
            {
                // A tool result, not a protocol error: the model reads which scope is missing and can explain it,
                // where SDK clients would throw on a JSON-RPC error. The tool itself never runs.
                return ValueTask.FromResult(Tools.ToolErrorResult.Create($"Access denied: {decision.Reason}."));
            }

            return next(request, cancellationToken);
        });
    }
}
