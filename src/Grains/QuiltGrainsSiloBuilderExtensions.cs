using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Placement;

namespace QuiltMcp.Orleans.Grains;

/// <summary>
/// What a silo needs to host this project's grains beyond their classes: custom placement, and the defaults of the
/// principal grain's credential cache (the real clock, <see cref="CredentialCacheOptions"/> at their defaults unless
/// the host binds them). The host supplies the one thing that has no sensible default, the
/// <see cref="IRoleAssumer"/> principal grains call STS through; the front end's AWS registration registers it.
/// </summary>
public static class QuiltGrainsSiloBuilderExtensions
{
    public static ISiloBuilder AddQuiltGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPlacementDirector<KeyedSiloPlacement, KeyedSiloPlacementDirector>();

        // TryAdd: a host (or a test moving credential time forward) that registered its own clock keeps it.
        silo.Services.TryAddSingleton(CredentialClock.System);
        silo.Services.AddOptions<CredentialCacheOptions>();
        return silo;
    }
}
