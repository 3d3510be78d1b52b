using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>Registers the meters and the EMF writer; safe to call more than once.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QuiltMcpMetrics>();
        services.TryAddSingleton<EmbeddedMetricWriter>();
        return services;
    }
}
