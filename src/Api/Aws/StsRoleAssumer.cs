using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Calls STS AssumeRole for principal grains: session name <c>mcp-&lt;subject&gt;-&lt;unix time&gt;</c>, the subject
/// as SourceIdentity, the configured duration and session tags. Every call is counted, timed, logged (role and
/// outcome, never the credentials) and written as an EMF line.
/// </summary>
public sealed partial class StsRoleAssumer(
    StsClientFactory clients,
    IOptionsMonitor<AwsOptions> options,
    TimeProvider time,
    QuiltMcpMetrics metrics,
    EmbeddedMetricWriter embeddedMetrics,
    ILogger<StsRoleAssumer> logger) : IRoleAssumer
{
    /// <summary>The error code of an STS call that never got an answer (network, DNS, timeout).</summary>
    public const string UnreachableErrorCode = "StsUnreachable";

    public async Task<RoleCredentials> AssumeRoleAsync(RoleSessionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sessionName = RoleSessionNames.ForSubject(request.Subject, time.GetUtcNow());
        var assumeRole = new AssumeRoleRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = sessionName,
            SourceIdentity = RoleSessionNames.SourceIdentity(request.Subject),
            DurationSeconds = options.CurrentValue.RoleDurationSeconds,
        };
        if (request.SessionTags.Count > 0)
        {
            assumeRole.Tags = request.SessionTags.Select(tag => new Tag { Key = tag.Key, Value = tag.Value }).ToList();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await clients.Client.AssumeRoleAsync(assumeRole, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record(succeeded: true, errorCode: null, elapsed);
            var credentials = new RoleCredentials
            {
                RoleArn = request.RoleArn,
                AccessKeyId = response.Credentials.AccessKeyId,
                SecretAccessKey = response.Credentials.SecretAccessKey,
                SessionToken = response.Credentials.SessionToken,
                Expiration = new DateTimeOffset(DateTime.SpecifyKind(response.Credentials.Expiration ?? default, DateTimeKind.Utc)),
                AssumedRoleUserArn = response.AssumedRoleUser?.Arn ?? "",
                SessionName = sessionName,
            };
            LogAssumed(logger, request.RoleArn, sessionName, credentials.Expiration, elapsed.TotalMilliseconds);
            return credentials;
        }
        catch (AmazonServiceException failure) when (failure.StatusCode != 0 && !string.IsNullOrEmpty(failure.ErrorCode))
        {
            throw Fail(request.RoleArn, failure.ErrorCode, failure.Message, failure, started);
        }
        // TimeoutException: every attempt ran out of Aws:StsTimeout (the SDK's own timeout reports so).
        catch (Exception failure) when (failure is AmazonClientException or AmazonServiceException or HttpRequestException or TaskCanceledException or IOException or TimeoutException)
        {
            throw Fail(request.RoleArn, UnreachableErrorCode, "STS could not be reached", failure, started);
        }
    }

    private RoleAssumptionException Fail(string roleArn, string errorCode, string detail, Exception failure, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        Record(succeeded: false, errorCode, elapsed);
        LogFailed(logger, roleArn, errorCode, detail, elapsed.TotalMilliseconds);
        return new RoleAssumptionException(errorCode, $"STS AssumeRole of {roleArn} failed with {errorCode}: {detail}", failure);
    }

    private void Record(bool succeeded, string? errorCode, TimeSpan elapsed)
    {
        metrics.RecordRoleAssumption(succeeded, errorCode, elapsed);
        embeddedMetrics.WriteRoleAssumption(succeeded, errorCode, elapsed);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Assumed role {RoleArn} as session {SessionName}; credentials expire at {Expiration} ({ElapsedMs} ms)")]
    private static partial void LogAssumed(ILogger logger, string roleArn, string sessionName, DateTimeOffset expiration, double elapsedMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Could not assume role {RoleArn}: {ErrorCode}: {Detail} ({ElapsedMs} ms)")]
    private static partial void LogFailed(ILogger logger, string roleArn, string errorCode, string detail, double elapsedMs);
}
