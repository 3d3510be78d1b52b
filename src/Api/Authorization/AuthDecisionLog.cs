using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Api.Authorization;

/// <summary>
/// Auth decisions as structured log events (subject, scopes, tool, allowed/denied, reason) so they can be
/// queried in CloudWatch Logs Insights. Never carries a token.
/// </summary>
public static partial class AuthDecisionLog
{
    public const string Category = "QuiltMcp.AuthDecision";

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Auth decision: {Decision} tool {Tool} for {Subject} ({Environment}) with scopes [{Scopes}]: {Reason}")]
    public static partial void ToolDecision(ILogger logger, string decision, string tool, string subject, string environment, string scopes, string reason);

    public static void ToolDecision(ILogger logger, string tool, Context.RuntimeContextState context, AccessDecision decision) =>
        ToolDecision(
            logger,
            decision.Allowed ? "allowed" : "denied",
            tool,
            context.Principal?.Claims?.Subject ?? "anonymous",
            context.Environment,
            string.Join(' ', context.Principal?.Claims?.Scopes ?? []),
            decision.Reason);
}
