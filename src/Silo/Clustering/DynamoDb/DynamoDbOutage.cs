using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// Tells a DynamoDB that cannot be reached, or answers "not now" (5xx, throttling), from one that refuses the request
/// (access denied, a bad request), and waits out the former where waiting is right: a silo starting while DynamoDB is
/// unreachable waits for it, as Orleans itself waits for its first membership read, instead of exiting and leaving
/// the restart to the orchestrator. A refusal is thrown at once: waiting does not change it.
/// </summary>
public static partial class DynamoDbOutage
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public static bool IsTransient(Exception failure) => failure switch
    {
        AmazonServiceException service => (int)service.StatusCode >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || service.ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException" or "RequestLimitExceeded",
        HttpRequestException or IOException or TimeoutException or OperationCanceledException or AmazonClientException => true,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, pausing 1 s, then twice as long each time up to 5 s, while its
    /// failures are transient and <paramref name="within"/> has not passed; then its last failure is thrown.
    /// </summary>
    public static async Task WaitOutAsync(Func<Task> attempt, TimeSpan within, string what, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                await attempt();
                if (attempts > 1)
                {
                    LogReached(logger, what, attempts, Stopwatch.GetElapsedTime(started).TotalSeconds);
                }

                return;
            }
            catch (Exception failure) when (IsTransient(failure) && !cancellationToken.IsCancellationRequested
                && Stopwatch.GetElapsedTime(started) + pause < within)
            {
                LogUnreachable(logger, what, failure.GetType().Name, failure.Message, pause.TotalSeconds);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "DynamoDB could not be reached for {What} ({Error}: {Detail}); trying again in {PauseSeconds} s")]
    private static partial void LogUnreachable(ILogger logger, string what, string error, string detail, double pauseSeconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "DynamoDB reached for {What} after {Attempts} attempts ({ElapsedSeconds:F1} s)")]
    private static partial void LogReached(ILogger logger, string what, int attempts, double elapsedSeconds);
}
