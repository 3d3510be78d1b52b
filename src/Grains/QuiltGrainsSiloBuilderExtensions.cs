using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Placement;
using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains;

/// <summary>
/// What a silo needs to host this project's grains beyond their classes: custom placement, the retry of calls whose
/// silo was lost (<see cref="SiloLossRetryFilter"/>, <see cref="SiloLossRetryOptions"/> at their defaults unless the host
/// binds them), and the defaults of the principal grain's credential cache (the real clock,
/// <see cref="CredentialCacheOptions"/> at their defaults unless the host binds them). The host supplies the one thing
/// that has no sensible default, the <see cref="IRoleAssumer"/> principal grains call STS through; the front end's AWS
/// registration registers it.
/// </summary>
public static class QuiltGrainsSiloBuilderExtensions
{
    public static ISiloBuilder AddQuiltGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPlacementDirector<KeyedSiloPlacement, KeyedSiloPlacementDirector>();

        // Every grain call this process makes, from the front end or from a grain, passes the filter; it acts only on
        // methods marked [RetryOnSiloLoss].
        silo.Services.AddOptions<SiloLossRetryOptions>().ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloLossRetryOptions>, SiloLossRetryOptionsValidator>());
        silo.Services.TryAddSingleton<SiloLossRetryMetrics>();
        silo.AddOutgoingGrainCallFilter<SiloLossRetryFilter>();

        // TryAdd: a host (or a test moving credential time forward) that registered its own clock keeps it.
        silo.Services.TryAddSingleton(CredentialClock.System);
        silo.Services.AddOptions<CredentialCacheOptions>();
        return silo;
    }
}
