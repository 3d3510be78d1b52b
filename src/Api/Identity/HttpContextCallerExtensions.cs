namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>Reading the caller of an HTTP request in the pipeline (before any MCP handler runs).</summary>
public static class HttpContextCallerExtensions
{
    /// <summary>The authenticated caller of the request, or null when it carries no valid token.</summary>
    public static Caller? AuthenticatedCaller(this HttpContext context) => (context.User as CallerPrincipal)?.Caller;

    /// <summary>The principal grain key the request acts for: the caller's, else the anonymous principal's.</summary>
    public static string PrincipalId(this HttpContext context) =>
        context.AuthenticatedCaller()?.PrincipalId ?? Grains.Principals.PrincipalKeys.Anonymous;
}
