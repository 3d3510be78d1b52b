using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Rate limits for <c>/mcp</c>, applied before authentication (see <see cref="RateLimitPartitioner"/> for who
/// shares an allowance). A refusal is 429 with <c>Retry-After</c> and a JSON body, logged once at Information with the
/// allowance it exhausted (a principal or a client address, never a token).
/// </summary>
public static partial class McpRateLimiting
{
    public const string PolicyName = "mcp";

    public const string LogCategory = "QuiltMcp.RateLimits";

    public static IServiceCollection AddMcpRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitPartitioner>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var context = rejected.HttpContext;
                var partition = context.RequestServices.GetRequiredService<RateLimitPartitioner>().For(context).PartitionKey;
                LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory), partition, seconds);
                var whose = partition.StartsWith(RateLimitPartitioner.PrincipalPrefix, StringComparison.Ordinal)
                    ? "for this user (Http:PermitsPerMinute)"
                    : "from this client address before its token is known (Http:AnonymousPermitsPerMinute)";
                var response = context.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(response.WriteAsJsonAsync(
                    new { error = "rate_limited", error_description = $"Too many requests {whose}; retry after {seconds} s." },
                    cancellationToken));
            };
            limiter.AddPolicy(PolicyName, context => context.RequestServices.GetRequiredService<RateLimitPartitioner>().For(context));
        });
        return services;
    }

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information,
        Message = "Rate limited a request to /mcp: the allowance of {Partition} is spent; retry after {RetryAfterSeconds} s")]
    private static partial void LogRejected(ILogger logger, string partition, int retryAfterSeconds);
}
