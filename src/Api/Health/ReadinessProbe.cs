using QuiltMcp.Orleans.Grains.Health;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>Decides readiness: not shutting down, silo Active, and a grain call answered in time.</summary>
public sealed partial class ReadinessProbe(ServerReadiness readiness, IGrainFactory grains, ILogger<ReadinessProbe> logger)
{
    private static readonly TimeSpan GrainCallBudget = TimeSpan.FromSeconds(2);

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsStopping)
        {
            return ReadinessResult.NotReady("stopping");
        }

        if (readiness.Silo != SiloState.Active)
        {
            return ReadinessResult.NotReady($"silo {readiness.Silo.ToString().ToLowerInvariant()}");
        }

        try
        {
            var silo = await grains.GetGrain<IHealthProbeGrain>(0).PingAsync()
                .WaitAsync(GrainCallBudget, cancellationToken);
            return ReadinessResult.Ready(silo);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, exception.GetType().Name);
            return ReadinessResult.NotReady("grain call failed");
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Readiness grain call failed: {ErrorType}")]
    private static partial void LogProbeFailed(ILogger logger, string errorType);
}
