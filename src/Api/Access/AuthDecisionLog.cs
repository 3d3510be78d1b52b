namespace QuiltMcp.Orleans.Api.Access;

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

    public static void ToolDecision(ILogger logger, string tool, Identity.Caller caller, AccessDecision decision)
    {
        // Checked first so the scope list is not joined for a line that will not be written.
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        ToolDecision(
            logger,
            decision.Allowed ? "allowed" : "denied",
            tool,
            caller.SubjectForLogs,
            caller.Environment,
            string.Join(' ', caller.Claims?.Scopes ?? []),
            decision.Reason);
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Auth decision: {Decision} {S3Action} on bucket {Bucket} via {Tool} for {Subject} ({Environment}): {Reason}")]
    public static partial void BucketDecision(ILogger logger, string decision, string s3Action, string bucket, string tool, string subject, string environment, string reason);

    public static void BucketDecision(ILogger logger, string tool, string bucket, string s3Action, Identity.Caller caller, AccessDecision decision) =>
        BucketDecision(
            logger,
            decision.Allowed ? "allowed" : "denied",
            s3Action,
            bucket.Length > 70 ? bucket[..70] : bucket,
            tool,
            caller.SubjectForLogs,
            caller.Environment,
            decision.Reason);
}
