using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Says once at start-up that a development server reaches a local S3 with fixed keys, and what that skips, so nobody
/// reading the log wonders why no role is assumed.
/// </summary>
public sealed partial class LocalS3Notice(IOptions<DevelopmentOptions> development, ILogger<LocalS3Notice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (development.Value.UsesLocalS3)
        {
            LogLocalS3(logger, DevelopmentOptions.LocalS3Setting, development.Value.LocalS3!);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "{Setting}: data tools use the local S3 at {Endpoint} (path-style) with its fixed keys for every caller; "
            + "no role is assumed and STS is not called. Scopes, argument checks and, over HTTP, the token's bucket grants "
            + "and S3 permissions are still checked.")]
    private static partial void LogLocalS3(ILogger logger, string setting, string endpoint);
}
