using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// Replaces the console lifetime of the HTTP server process. On SIGTERM (or Ctrl+C, SIGQUIT) it does not stop the host
/// at once: <see cref="ShutdownDrain"/> drains first, then the host stops. A second signal skips the wait.
/// Only the server process registers it; hosts embedded in other processes (tests) keep their own lifetime.
/// </summary>
public sealed partial class DrainingConsoleLifetime(
    IHostApplicationLifetime lifetime,
    ShutdownDrain drain,
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
            await drain.DrainBeforeStopAsync(signal, lifetime.ApplicationStopping);
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

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Second stop signal: stopping without waiting")]
    private static partial void LogSecondSignal(ILogger logger);
}
