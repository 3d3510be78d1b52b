using Microsoft.AspNetCore.Authentication;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>
/// Runs right after authentication: completes the request's caller with its role (never in process-wide
/// environment variables), or refuses a header-selected role the caller may not use before any MCP handler runs.
/// Credentials are fetched later, by the tools that need them.
/// </summary>
public sealed class RoleSelectionMiddleware(
    RequestDelegate next,
    RoleSelector selector,
    QuiltMcpMetrics metrics,
    ILoggerFactory loggerFactory)
{
    public const string RoleHeader = "X-Quilt-User-Role";

    private readonly ILogger _decisions = RoleDecisionLog.Create(loggerFactory);

    public async Task InvokeAsync(HttpContext context)
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
            await RefuseAsync(context, selection);
            return;
        }

        if (selection.RoleArn is not null && context.User is CallerPrincipal user)
        {
            context.User = user.With(user.Caller with { Role = new SelectedRole(selection.RoleArn, selection.Source) });
        }

        await next(context);
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
