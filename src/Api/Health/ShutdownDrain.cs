using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// First step of a stop that did not come through a drained signal (for example a programmatic
/// <c>StopAsync</c>): readiness turns 503 while the listener still serves, and the host waits
/// <see cref="ShutdownOptions.DrainDelay"/> so the load balancer stops routing here before the listener closes.
/// Lifecycle "stopping" hooks run before any hosted service stops, so this precedes Kestrel and the silo.
/// </summary>
public sealed partial class ShutdownDrain(
    ServerReadiness readiness,
    IOptions<ShutdownOptions> options,
    TimeProvider timeProvider,
    ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsStopping)
        {
            // A signal handler already drained before asking the host to stop.
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Shutdown requested: readiness is now 503, draining for {DrainDelayMs} ms")]
    private static partial void LogDraining(ILogger logger, long drainDelayMs);
}
