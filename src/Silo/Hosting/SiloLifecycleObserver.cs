using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>Tells readiness when the silo becomes Active and when it begins to leave.</summary>
public sealed class SiloLifecycleObserver(ServerReadiness readiness) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(
            nameof(SiloLifecycleObserver),
            ServiceLifecycleStage.Active,
            _ =>
            {
                readiness.MarkSiloActive();
                return Task.CompletedTask;
            },
            _ =>
            {
                readiness.MarkSiloStopping();
                return Task.CompletedTask;
            });
    }
}
