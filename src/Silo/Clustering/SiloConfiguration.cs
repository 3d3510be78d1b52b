using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Silo.Clustering;

/// <summary>Configures the co-hosted silo from the <c>Cluster</c> section.</summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloHostingOptions.SectionName).Get<SiloHostingOptions>() ?? new SiloHostingOptions();
        var validation = new SiloHostingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SiloHostingOptions.SectionName, typeof(SiloHostingOptions), validation.Failures);
        }

        // The MCP front end runs in this process and talks to grains directly, so no client gateway is opened.
        silo.UseLocalhostClustering(
            siloPort: options.SiloPort,
            gatewayPort: 0,
            serviceId: options.ServiceId,
            clusterId: options.ClusterId);
        silo.AddMemoryGrainStorageAsDefault();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloLifecycleObserver>();
    }
}
