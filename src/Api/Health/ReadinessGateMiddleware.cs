using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// Kestrel starts alongside the silo so liveness and readiness answer during start-up. Until the silo is
/// Active, MCP requests get a clean 503 with Retry-After instead of failing inside a grain call.
/// </summary>
public sealed class ReadinessGateMiddleware(RequestDelegate next, ServerReadiness readiness)
{
    public const int RetryAfterSeconds = 1;

    /// <summary>JSON-RPC's implementation-defined server error range: not ready yet.</summary>
    private const int ServerStartingCode = -32000;

    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.Silo == SiloState.Active)
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ServerStartingCode,
            $"The server is {readiness.Silo.ToString().ToLowerInvariant()}; retry shortly.");
    }
}
