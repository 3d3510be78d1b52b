using Orleans.Concurrency;

namespace QuiltMcp.Orleans.Grains.Health;

/// <summary>
/// A grain the readiness check calls to prove the silo can activate grains and answer calls. Stateless and
/// local, so the probe never crosses silos and never queues behind user traffic.
/// </summary>
public interface IHealthProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the identity of the silo that answered.</summary>
    /// <remarks>Not retried after a silo loss: readiness must report a failure as it happens.</remarks>
    [ReadOnly]
    Task<string> PingAsync();
}
