using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>Logs how long the process took from start to ready, the figure operators watch on deploys.</summary>
public sealed partial class StartupReporter(
    IHostApplicationLifetime lifetime,
    ReadinessProbe probe,
    TimeProvider timeProvider,
    ILogger<StartupReporter> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            var result = await probe.CheckAsync(stoppingToken);
            if (result.IsReady)
            {
                var elapsed = timeProvider.GetUtcNow() - ProcessStartTime();
                LogReady(logger, (long)elapsed.TotalMilliseconds, result.Detail);
                return;
            }

            await Task.Delay(ProbeInterval, timeProvider, stoppingToken);
        }
    }

    private static DateTimeOffset ProcessStartTime()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Server ready in {ReadyMs} ms on silo {Silo}")]
    private static partial void LogReady(ILogger logger, long readyMs, string silo);
}
