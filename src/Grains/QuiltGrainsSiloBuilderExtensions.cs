using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using QuiltMcp.Orleans.Grains.Placement;

namespace QuiltMcp.Orleans.Grains;

/// <summary>What a silo needs to host this project's grains beyond their classes: custom placement.</summary>
public static class QuiltGrainsSiloBuilderExtensions
{
    public static ISiloBuilder AddQuiltGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPlacementDirector<KeyedSiloPlacement, KeyedSiloPlacementDirector>();
        return silo;
    }
}
