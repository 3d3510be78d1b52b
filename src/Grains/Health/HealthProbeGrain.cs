using Orleans.Concurrency;

namespace QuiltMcp.Orleans.Grains.Health;

[StatelessWorker(1)]
public sealed class HealthProbeGrain : Grain, IHealthProbeGrain
{
    public Task<string> PingAsync() => Task.FromResult(RuntimeIdentity);
}
