using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>Registers the meters, the EMF writer and their settings (validated at start-up); safe to call more than once.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QuiltMcpMetrics>();
        services.TryAddSingleton<EmbeddedMetricWriter>();
        return services;
    }
}
