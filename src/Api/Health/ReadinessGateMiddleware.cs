namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// Kestrel starts alongside the silo so liveness and readiness answer during start-up. Until the silo is
/// Active, MCP requests get a clean 503 with Retry-After instead of failing inside a grain call.
/// </summary>
public sealed class ReadinessGateMiddleware(RequestDelegate next, ServerReadiness readiness)
{
    public const int RetryAfterSeconds = 1;

    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.Silo == SiloState.Active)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return context.Response.WriteAsJsonAsync(new
        {
            jsonrpc = "2.0",
            id = (object?)null,
            error = new { code = -32000, message = $"The server is {readiness.Silo.ToString().ToLowerInvariant()}; retry shortly." },
        });
    }
}
