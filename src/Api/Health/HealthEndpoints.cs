using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>Liveness (<c>/healthz</c>), status (<c>/health</c>) and readiness (<c>/ready</c>). Always public.</summary>
public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string StatusPath = "/health";
    public const string ReadinessPath = "/ready";

    /// <summary>
    /// Whether a request is a probe of one of these paths: probes skip host validation (load balancers probe by IP)
    /// and are not traced (they would be most of the spans and say nothing about a request).
    /// </summary>
    public static bool IsHealthPath(PathString path) =>
        path.Equals(LivenessPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(StatusPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapQuiltHealth(this IEndpointRouteBuilder endpoints)
    {
        // Liveness only says the process still serves HTTP; restarting a task that is merely draining or
        // waiting for its cluster would make things worse, so nothing else is checked here.
        endpoints.MapGet(LivenessPath, () => Results.Text("ok"))
            .ExcludeFromDescription();

        endpoints.MapGet(StatusPath, (ServerReadiness readiness, IOptions<ServerOptions> server) =>
            {
                var options = server.Value;
                return Results.Json(new HealthStatus(
                    Status: readiness.IsStopping ? "stopping" : readiness.Silo == SiloState.Active ? "ok" : "starting",
                    Server: options.Name,
                    Version: options.EffectiveVersion,
                    Transport: ServerTransportNames.ToName(options.TransportKind),
                    Silo: readiness.Silo.ToString().ToLowerInvariant()));
            })
            .ExcludeFromDescription();

        endpoints.MapGet(ReadinessPath, async (ReadinessProbe probe, CancellationToken cancellationToken) =>
            {
                var result = await probe.CheckAsync(cancellationToken);
                return Results.Json(
                    new { status = result.IsReady ? "ready" : "not_ready", detail = result.Detail },
                    statusCode: result.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .ExcludeFromDescription();

        return endpoints;
    }
}
