using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;

namespace QuiltMcp.Orleans.Grains.SiloLoss;

/// <summary>
/// Sends a grain call marked <see cref="RetryOnSiloLossAttribute"/> again when it was rejected because of where its
/// grain was (the silo died, was stopping, or could not be reached: <see cref="OrleansMessageRejectionException"/>,
/// including <see cref="SiloUnavailableException"/>), instead of handing that failure to the caller. Orleans itself
/// never resends a rejected call; it only drops the stale address, so the next attempt is placed again, on a live silo
/// once the lost one is declared dead. Attempts stop at <see cref="SiloLossRetryOptions.Deadline"/>, and at once when
/// this process is stopping (its own silo is leaving; waiting would only hold the shutdown). Each retried call is
/// logged once, with its outcome, and counted in <see cref="SiloLossRetryMetrics"/>.
/// </summary>
/// <remarks>
/// Any other failure (the grain's own exception, a timeout of a slow grain) is the call's result as before: only a
/// rejection says that the call never reached a live activation, or reached one that is gone.
/// </remarks>
public sealed partial class SiloLossRetryFilter(
    IOptions<SiloLossRetryOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    SiloLossRetryMetrics metrics,
    ILogger<SiloLossRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Marked = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (settings.Deadline <= TimeSpan.Zero || !IsMarked(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        var started = timeProvider.GetTimestamp();
        var rejection = await InvokeOnceAsync(context);
        if (rejection is null)
        {
            return;
        }

        var first = rejection;
        var attempts = 1;
        var delay = settings.FirstDelay;
        while (rejection is not null)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            var pause = Jittered(delay);
            if (elapsed + pause > settings.Deadline || !await PauseAsync(pause))
            {
                GiveUp(context, rejection, first, attempts, elapsed);
                return;
            }

            delay = delay * 2 < settings.MaxDelay ? delay * 2 : settings.MaxDelay;
            attempts++;
            context.Response = null;
            rejection = await InvokeOnceAsync(context);
        }

        var took = timeProvider.GetElapsedTime(started);
        LogRecovered(logger, Name(context), context.TargetId.ToString(), attempts, (long)took.TotalMilliseconds, Describe(first));
        metrics.Record(Name(context), recovered: true, took);
    }

    /// <summary>Runs the rest of the pipeline once; returns the rejection it ended in, or null when it did not.</summary>
    private static async Task<Exception?> InvokeOnceAsync(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (OrleansMessageRejectionException thrown)
        {
            // Thrown rather than carried in the response (a send refused before it left this process).
            context.Response = Response.FromException(thrown);
            return thrown;
        }

        return context.Response?.Exception as OrleansMessageRejectionException;
    }

    private async Task<bool> PauseAsync(TimeSpan delay)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, timeProvider, lifetime.ApplicationStopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void GiveUp(IOutgoingGrainCallContext context, Exception rejection, Exception first, int attempts, TimeSpan elapsed)
    {
        LogGaveUp(logger, Name(context), context.TargetId.ToString(), attempts, (long)elapsed.TotalMilliseconds, Describe(first), Describe(rejection));
        // The response keeps the last rejection: the caller sees it, as it would have without this filter.
        metrics.Record(Name(context), recovered: false, elapsed);
    }

    /// <summary>Pauses spread over ±20 %, so the calls one lost silo failed together do not come back together.</summary>
    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private static bool IsMarked(MethodInfo? method) =>
        method is not null && Marked.GetOrAdd(method, static m => m.IsDefined(typeof(RetryOnSiloLossAttribute), inherit: false));

    private static string Name(IOutgoingGrainCallContext context) => $"{context.InterfaceMethod.DeclaringType?.Name}.{context.MethodName}";

    /// <summary>The exception's type and the first line of its message: Orleans' rejection texts carry whole messages and stack traces.</summary>
    private static string Describe(Exception exception)
    {
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        return $"{exception.GetType().Name}: {(line.Length > 200 ? line[..200] + "…" : line)}";
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Grain call {Method} to {Grain} succeeded on attempt {Attempts} after {ElapsedMs} ms; its silo had been lost ({FirstFailure})")]
    private static partial void LogRecovered(ILogger logger, string method, string grain, int attempts, long elapsedMs, string firstFailure);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning,
        Message = "Grain call {Method} to {Grain} failed after {Attempts} attempts in {ElapsedMs} ms: its silo was lost ({FirstFailure}) and the grain could not be placed again in time ({LastFailure})")]
    private static partial void LogGaveUp(ILogger logger, string method, string grain, int attempts, long elapsedMs, string firstFailure, string lastFailure);
}
