using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace QuiltMcp.Orleans.Grains.Placement;

/// <summary>
/// Puts a <see cref="KeyedSiloPlacement"/> grain on the silo its key names, and nowhere else: when that silo is not
/// an active member (it died or left), placement fails, because an activation elsewhere would act on the wrong
/// process. The caller sees the failure and knows that process is gone.
/// </summary>
public sealed class KeyedSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        var silo = HolderSilo.TryParse(key)
            ?? throw new OrleansException($"Grain {target.GrainIdentity} must be keyed by a silo address.");
        if (!context.GetCompatibleSilos(target).Contains(silo))
        {
            throw new OrleansException($"Silo {key} is not an active member of the cluster; {target.GrainIdentity} cannot be placed there.");
        }

        return Task.FromResult(silo);
    }
}
