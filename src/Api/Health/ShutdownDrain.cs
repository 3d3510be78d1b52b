using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// The graceful stop: readiness turns 503 while the listener still serves, the load balancer gets
/// <see cref="ShutdownOptions.DrainDelay"/> to stop routing here, and only then does the host stop (MCP sessions
/// close, Kestrel stops, the silo leaves). A stop arrives one of two ways:
/// <list type="bullet">
/// <item>a signal (<see cref="DrainingConsoleLifetime"/>), before the host is asked to stop: requests in flight are
/// also waited for, because once the host stops the MCP transport cancels the work it is doing;</item>
/// <item>a direct <c>StopAsync</c> of the host: the lifecycle's "stopping" hook runs before any hosted service stops,
/// so the drain delay still precedes Kestrel and the silo.</item>
/// </list>
/// Whichever comes first drains; the other finds readiness already stopping and adds nothing.
/// </summary>
public sealed partial class ShutdownDrain(
    ServerReadiness readiness,
    InFlightRequests inFlight,
    IOptions<ShutdownOptions> options,
    TimeProvider timeProvider,
    ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    /// <summary>Drains for a stop signal, then returns so the caller can stop the host.</summary>
    /// <param name="signal">The signal's name, for the log.</param>
    /// <param name="cancellationToken">Cancelled when something else already stopped the host.</param>
    public async Task DrainBeforeStopAsync(string signal, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        readiness.MarkStopping();
        LogDrainingForSignal(logger, signal, (long)settings.DrainDelay.TotalMilliseconds, inFlight.Count);
        if (settings.DrainDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.DrainDelay, timeProvider, cancellationToken);
        }

        var idle = await inFlight.WaitForIdleAsync(settings.Timeout - settings.DrainDelay, timeProvider, cancellationToken);
        if (!idle)
        {
            LogGaveUpWaiting(logger, inFlight.Count);
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsStopping)
        {
            // A signal already drained before asking the host to stop.
            return;
        }

        readiness.MarkStopping();
        var delay = options.Value.DrainDelay;
        LogDraining(logger, (long)delay.TotalMilliseconds);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out; stop without the rest of the drain.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Shutdown requested: readiness is now 503, draining for {DrainDelayMs} ms")]
    private static partial void LogDraining(ILogger logger, long drainDelayMs);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information,
        Message = "{Signal} received: readiness is now 503; draining {DrainDelayMs} ms, then waiting for {InFlight} in-flight requests")]
    private static partial void LogDrainingForSignal(ILogger logger, string signal, long drainDelayMs, int inFlight);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Shutdown timeout reached with {InFlight} requests still in flight; stopping anyway")]
    private static partial void LogGaveUpWaiting(ILogger logger, int inFlight);
}
