using Microsoft.AspNetCore.Authentication;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>
/// Runs right after authentication: completes the request's caller with its role (never in process-wide
/// environment variables), or refuses a header-selected role the caller may not use before any MCP handler runs.
/// Credentials are fetched later, by the tools that need them. A development server on a local S3
/// (<c>Development:LocalS3</c>) still refuses what it would refuse, but gives the request no role: none is used.
/// </summary>
public sealed class RoleSelectionMiddleware(
    RequestDelegate next,
    RoleSelector selector,
    IOptions<DevelopmentOptions> development,
    QuiltMcpMetrics metrics,
    ILoggerFactory loggerFactory)
{
    public const string RoleHeader = "X-Quilt-User-Role";

    private readonly ILogger _decisions = RoleDecisionLog.Create(loggerFactory);

    /// <remarks>Not async itself: a request that goes on (nearly all) then adds no state machine here.</remarks>
    public Task InvokeAsync(HttpContext context)
    {
        string? header = context.Request.Headers.TryGetValue(RoleHeader, out var values) && !string.IsNullOrWhiteSpace(values)
            ? values.ToString()
            : null;
        var caller = context.AuthenticatedCaller();
        var selection = selector.Select(caller, header);
        if (header is not null)
        {
            RoleDecisionLog.Write(_decisions, caller, selection, header.Trim());
            metrics.RecordAuthDecision(QuiltMcpMetrics.RoleDecisionKind, allowed: !selection.Refused);
        }

        if (selection.Refused)
        {
            return RefuseAsync(context, selection);
        }

        // With a local S3 every caller signs with its fixed keys, so a role here would only make auth_status and
        // aws_identity name a role nothing acts in.
        if (selection.RoleArn is not null && !development.Value.UsesLocalS3 && context.User is CallerPrincipal user)
        {
            context.User = user.With(user.Caller with { Role = new SelectedRole(selection.RoleArn, selection.Source) });
        }

        return next(context);
    }

    private static async Task RefuseAsync(HttpContext context, RoleSelection selection)
    {
        if (selection.StatusCode == StatusCodes.Status401Unauthorized)
        {
            // A caller without a token is told how to get one (the bearer challenge), not just "forbidden".
            await context.ChallengeAsync();
            return;
        }

        context.Response.StatusCode = selection.StatusCode;
        await context.Response.WriteAsJsonAsync(new { error = "role_refused", error_description = selection.Refusal });
    }
}
