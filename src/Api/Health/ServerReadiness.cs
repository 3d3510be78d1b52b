namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// The lifecycle facts readiness depends on, written by the silo lifecycle and the shutdown coordinator and
/// read by the health endpoints.
/// </summary>
public sealed class ServerReadiness
{
    private readonly TaskCompletionSource _siloActive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SiloState _silo = SiloState.Starting;
    private volatile bool _stopping;

    public SiloState Silo => _silo;

    /// <summary>Completes when the silo first becomes Active: work that needs grains can wait for it instead of failing.</summary>
    public Task SiloActive => _siloActive.Task;

    /// <summary>True once shutdown began; from then on the server is never ready again.</summary>
    public bool IsStopping => _stopping;

    public void MarkSiloActive()
    {
        if (!_stopping)
        {
            _silo = SiloState.Active;
            _siloActive.TrySetResult();
        }
    }

    public void MarkSiloStopping() => _silo = SiloState.Stopping;

    public void MarkStopping() => _stopping = true;
}
