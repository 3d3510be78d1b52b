using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// Registers health and shutdown: the readiness state and probe, in-flight request tracking, the shutdown settings
/// and the drain that runs when the host stops. The server process also swaps in <see cref="DrainingConsoleLifetime"/>
/// so that a stop signal drains before the host stops.
/// </summary>
public static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>());
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServerReadiness>();
        services.TryAddSingleton<ReadinessProbe>();
        services.TryAddSingleton<InFlightRequests>();

        // One instance: the signal lifetime and the host's stopping hook must see the same drain.
        services.TryAddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        return services;
    }
}
