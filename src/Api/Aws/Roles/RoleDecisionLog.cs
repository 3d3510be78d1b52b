using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>
/// Role decisions as structured auth-decision events (same category as tool decisions, so one CloudWatch query
/// finds both). Carries role ARNs and subjects, never a token or credential.
/// </summary>
public static partial class RoleDecisionLog
{
    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Auth decision: {Decision} role {RoleArn} from {Source} for {Subject} ({Environment}): {Reason}")]
    public static partial void RoleDecision(ILogger logger, string decision, string roleArn, string source, string subject, string environment, string reason);

    public static ILogger Create(ILoggerFactory factory) => factory.CreateLogger(AuthDecisionLog.Category);

    /// <summary>Logs one role decision; a null caller is a request without a valid token.</summary>
    public static void Write(ILogger logger, Caller? caller, RoleSelection selection, string? requested) =>
        RoleDecision(
            logger,
            selection.Refused ? "denied" : "allowed",
            selection.RoleArn ?? requested ?? "",
            selection.Source,
            caller?.SubjectForLogs ?? "anonymous",
            caller?.Environment ?? RuntimeEnvironments.WebUnauthenticated,
            selection.Refusal ?? "granted");
}
