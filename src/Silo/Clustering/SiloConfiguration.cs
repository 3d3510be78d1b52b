using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Grains;
using QuiltMcp.Orleans.Grains.SiloLoss;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;
using QuiltMcp.Orleans.Silo.Clustering.Ecs;
using QuiltMcp.Orleans.Silo.Clustering.Tls;
using QuiltMcp.Orleans.Silo.Hosting;
using QuiltMcp.Orleans.Silo.Storage;
using QuiltMcp.Orleans.Silo.Storage.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Clustering;

/// <summary>Configures the co-hosted silo from the <c>Cluster</c> section.</summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        // Read and validated here, while the silo is configured, not by ValidateOnStart: the mode decides which providers
        // are registered, and the ports and ids are handed to Orleans, whose own checks (an out-of-range port while
        // endpoints are built, an empty ClusterId when the silo service is created) run before start-up validation
        // and would surface as a stack trace rather than one line naming the setting. This is the only validation of
        // the Cluster section's own keys, so nothing registers them for ValidateOnStart as well.
        var options = configuration.GetSection(SiloHostingOptions.SectionName).Get<SiloHostingOptions>() ?? new SiloHostingOptions();
        var validation = new SiloHostingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SiloHostingOptions.SectionName, typeof(SiloHostingOptions), validation.Failures);
        }

        if (string.Equals(options.Clustering, ClusteringModes.DynamoDb, StringComparison.OrdinalIgnoreCase))
        {
            ConfigureDynamoDb(silo, configuration, options);
        }
        else
        {
            ConfigureLocalhost(silo, options);
        }

        // Failure detection and defunct-row cleanup can be tuned per deployment (Cluster:Membership:ProbeTimeout,
        // NumMissedProbesLimit, DefunctSiloExpiration, …); Orleans' defaults apply to anything not set.
        // Cluster:Tls is checked by ValidateOnStart: it decides nothing about which providers are registered.
        silo.UseClusterTlsWhenEnabled(configuration);
        silo.AddQuiltGrains();
        if (OpenTelemetryExport.ExportsTraces(configuration))
        {
            // Carries the request's trace context in each grain call, so a call served by another silo joins the trace.
            silo.AddActivityPropagation();
        }

        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSectionName));
        silo.Configure<SiloLossRetryOptions>(configuration.GetSection(SiloLossRetryOptions.SectionName));

        // The directory cache only spares a lookup of where a grain lives. Orleans' default of 1,000,000 entries
        // preallocates about 9 MB and keeps an entry (~230 B) for every session grain ever addressed, long after the
        // grain left memory when idle; the grains a task keeps busy fit in far fewer. Cluster:Directory:CacheSize overrides.
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DefaultDirectoryCacheSize);
        silo.Configure<GrainDirectoryOptions>(configuration.GetSection(DirectorySectionName));
        silo.Services.AddOptions<GrainDirectoryOptions>()
            .Validate(
                directory => directory.CacheSize >= MinimumDirectoryCacheSize,
                $"Cluster:Directory:CacheSize (Cluster__Directory__CacheSize) must be at least {MinimumDirectoryCacheSize} "
                + $"(default {DefaultDirectoryCacheSize}): the number of grain locations the silo keeps.")
            .ValidateOnStart();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloLifecycleObserver>();
    }

    /// <summary>The section bound to Orleans' <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSectionName = "Cluster:Membership";

    /// <summary>The section bound to Orleans' <see cref="GrainDirectoryOptions"/> (its <c>CacheSize</c>).</summary>
    public const string DirectorySectionName = "Cluster:Directory";

    /// <summary>Directory cache entries per silo unless <c>Cluster:Directory:CacheSize</c> says otherwise.</summary>
    public const int DefaultDirectoryCacheSize = 10_000;

    /// <summary>Orleans' cache refuses fewer entries than this (it splits them over three queues).</summary>
    public const int MinimumDirectoryCacheSize = 3;

    private static void ConfigureLocalhost(ISiloBuilder silo, SiloHostingOptions options)
    {
        // The MCP front end runs in this process and talks to grains directly, so no client gateway is opened.
        silo.UseLocalhostClustering(
            siloPort: options.SiloPort,
            gatewayPort: 0,
            serviceId: options.ServiceId,
            clusterId: options.ClusterId);
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(GrainStorageNames.McpSessions);
    }

    private static void ConfigureDynamoDb(ISiloBuilder silo, IConfiguration configuration, SiloHostingOptions options)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });

        // Listen on every interface, advertise one address: Orleans' pick, or the awsvpc address on ECS (below).
        // No gateway port, for the same reason as in the localhost mode.
        silo.ConfigureEndpoints(siloPort: options.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: true);
        silo.UseEcsTaskAddressWhenAvailable(configuration[EcsTaskMetadataClient.EnvironmentVariable]);

        silo.UseDynamoDbClustering(dynamoDb => dynamoDb.Bind(configuration.GetSection(DynamoDbClusteringOptions.SectionName)));
        silo.AddDynamoDbGrainStorageAsDefault(storage => storage.BindGrainStorage(configuration));
        silo.AddDynamoDbGrainStorage(GrainStorageNames.McpSessions, storage => storage.BindGrainStorage(configuration));
    }
}
