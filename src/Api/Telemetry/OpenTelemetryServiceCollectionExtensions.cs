using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// Exports traces and metrics over OTLP (to the ADOT collector sidecar on ECS) when the standard variables name an
/// endpoint, and registers nothing at all when they do not (<see cref="OpenTelemetryExport"/>). The exporter itself
/// reads the rest of the standard variables (protocol, headers, timeouts, batch settings) from configuration.
/// </summary>
public static class OpenTelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var traces = OpenTelemetryExport.ExportsTraces(configuration);
        var metrics = OpenTelemetryExport.ExportsMetrics(configuration);
        if (!traces && !metrics)
        {
            return services;
        }

        var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var serviceName = OpenTelemetryExport.DefaultServiceName(configuration, server.Name);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            if (serviceName is not null)
            {
                resource.AddService(serviceName, serviceVersion: server.EffectiveVersion);
            }
        });

        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                // Load-balancer probes arrive every few seconds from every target group: a trace each would drown the requests.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !HealthEndpoints.IsHealthPath(context.Request.Path))
                // STS, S3, the catalog and JWKS: the AWS SDK v4 sends through HttpClient, so its calls are client spans here.
                .AddHttpClientInstrumentation()
                .AddSource(TelemetrySources.ModelContextProtocol, TelemetrySources.OrleansApplication)
                .AddOtlpExporter());
        }

        if (metrics)
        {
            telemetry.WithMetrics(metering => metering
                .AddMeter(QuiltMcpMetrics.MeterName, TelemetrySources.ModelContextProtocol, TelemetrySources.OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }
}
