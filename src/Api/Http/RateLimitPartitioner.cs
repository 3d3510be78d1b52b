using System.Threading.RateLimiting;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Decides whose allowance a request to <c>/mcp</c> spends, before authentication and without validating anything:
/// a token this process already validated spends its principal's allowance (<c>Http:PermitsPerMinute</c>); any other
/// request (no token, a bad one, or a good one not seen yet) spends its client address's
/// (<c>Http:AnonymousPermitsPerMinute</c>). So a flood of junk tokens is throttled before a single signature check,
/// JWKS fetch or grain call, and a known user is never throttled by someone else's flood from the same address.
/// </summary>
public sealed class RateLimitPartitioner(ValidatedTokenCache validatedTokens, IOptionsMonitor<HttpOptions> options)
{
    /// <summary>How a principal's partition key starts; the rest is the principal id.</summary>
    public const string PrincipalPrefix = "principal:";

    private const string AddressPrefix = "address:";
    private const string BearerPrefix = "Bearer ";

    public RateLimitPartition<string> For(HttpContext context)
    {
        var settings = options.CurrentValue;
        return KnownPrincipal(context.Request) is { } principal
            ? RateLimitPartition.GetTokenBucketLimiter(PrincipalPrefix + principal, _ => Bucket(settings.PermitsPerMinute))
            : RateLimitPartition.GetTokenBucketLimiter(
                AddressPrefix + ClientAddressKey.For(context.Connection.RemoteIpAddress),
                _ => Bucket(settings.AnonymousPermitsPerMinute));
    }

    /// <summary>The principal of a bearer token found in the validated-token cache (one hash, no validation), else null.</summary>
    private string? KnownPrincipal(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return validatedTokens.TryGet(header[BearerPrefix.Length..].Trim(), out var caller) ? caller!.PrincipalId : null;
    }

    /// <summary>A bucket refilled every second, so a burst is allowed but a steady flood is not.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute / 6),
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        // Stryker disable once Boolean: RateLimitPartition.GetTokenBucketLimiter runs every bucket on the partitioned
        // limiter's own timer whatever this says (an equivalent mutant); true states the intent.
        AutoReplenishment = true,
    };
}
