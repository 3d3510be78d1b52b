using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>
/// Replaces the console lifetime of the HTTP host. On SIGTERM (or Ctrl+C) it does not stop the host at once:
/// readiness turns 503, the load balancer gets <see cref="ShutdownOptions.DrainDelay"/> to notice, requests in
/// flight finish, and only then does the host stop (MCP sessions close, Kestrel stops, the silo leaves).
/// Stopping the host straight away would cancel in-flight MCP calls, because the MCP transport ends its work
/// when the application starts stopping. A second signal skips the wait.
/// </summary>
public sealed partial class DrainingConsoleLifetime(
    IHostApplicationLifetime lifetime,
    ServerReadiness readiness,
    InFlightRequests inFlight,
    IOptions<ShutdownOptions> options,
    TimeProvider timeProvider,
    ILogger<DrainingConsoleLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnStopSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnStopSignal(PosixSignalContext context)
    {
        // Keep the runtime from terminating the process; the host decides when to exit.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _ = DrainThenStopAsync(context.Signal.ToString());
        }
        else
        {
            LogSecondSignal(logger);
            lifetime.StopApplication();
        }
    }

    private async Task DrainThenStopAsync(string signal)
    {
        try
        {
            var settings = options.Value;
            readiness.MarkStopping();
            LogDraining(logger, signal, (long)settings.DrainDelay.TotalMilliseconds, inFlight.Count);
            if (settings.DrainDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.DrainDelay, timeProvider, lifetime.ApplicationStopping);
            }

            var idle = await inFlight.WaitForIdleAsync(settings.Timeout - settings.DrainDelay, timeProvider, lifetime.ApplicationStopping);
            if (!idle)
            {
                LogGaveUpWaiting(logger, inFlight.Count);
            }
        }
        catch (OperationCanceledException)
        {
            // Something else already stopped the host.
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information,
        Message = "{Signal} received: readiness is now 503; draining {DrainDelayMs} ms, then waiting for {InFlight} in-flight requests")]
    private static partial void LogDraining(ILogger logger, string signal, long drainDelayMs, int inFlight);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Shutdown timeout reached with {InFlight} requests still in flight; stopping anyway")]
    private static partial void LogGaveUpWaiting(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Second stop signal: stopping without waiting")]
    private static partial void LogSecondSignal(ILogger logger);
}
