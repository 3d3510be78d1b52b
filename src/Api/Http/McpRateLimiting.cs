using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Per-principal rate limits for <c>/mcp</c>: once a token validated, the principal is the partition (one user
/// cannot starve the others however many connections they open); before that, the client address is.
/// </summary>
public static class McpRateLimiting
{
    public const string PolicyName = "mcp";

    public static IServiceCollection AddMcpRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(PolicyName, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptionsMonitor<HttpOptions>>().CurrentValue;
                var principal = RuntimeContext.Current.Auth is not null ? RuntimeContext.Current.Principal?.PrincipalId : null;
                return principal is not null
                    ? RateLimitPartition.GetTokenBucketLimiter("principal:" + principal, _ => Bucket(settings.PermitsPerMinute))
                    : RateLimitPartition.GetTokenBucketLimiter(
                        "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => Bucket(settings.AnonymousPermitsPerMinute));
            });
        });
        return services;
    }

    /// <summary>A bucket refilled every second, so a burst is allowed but a steady flood is not.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute / 6),
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
