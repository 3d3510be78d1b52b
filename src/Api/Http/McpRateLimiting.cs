using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Rate limits for <c>/mcp</c>, applied before authentication (see <see cref="RateLimitPartitioner"/> for who
/// shares an allowance). A refusal is 429 with <c>Retry-After</c> and a JSON body.
/// </summary>
public static class McpRateLimiting
{
    public const string PolicyName = "mcp";

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
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(response.WriteAsJsonAsync(
                    new { error = "rate_limited", error_description = $"Too many requests; retry after {seconds} s." },
                    cancellationToken));
            };
            limiter.AddPolicy(PolicyName, context => context.RequestServices.GetRequiredService<RateLimitPartitioner>().For(context));
        });
        return services;
    }
}
