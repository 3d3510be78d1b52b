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

    // One limiter factory per allowance, built again only when the setting changes: a partition keeps its factory for
    // as long as it lives, so a fresh closure per request would cost every principal's partition memory too.
    private BucketFactory _principalBuckets = new(0);
    private BucketFactory _addressBuckets = new(0);

    public RateLimitPartition<string> For(HttpContext context)
    {
        var settings = options.CurrentValue;
        return KnownPrincipal(context.Request) is { } principal
            ? RateLimitPartition.Get(PrincipalPrefix + principal, Factory(ref _principalBuckets, settings.PermitsPerMinute))
            : RateLimitPartition.Get(
                AddressPrefix + ClientAddressKey.For(context.Connection.RemoteIpAddress),
                Factory(ref _addressBuckets, settings.AnonymousPermitsPerMinute));
    }

    private static Func<string, RateLimiter> Factory(ref BucketFactory current, int perMinute)
    {
        var factory = Volatile.Read(ref current);
        if (factory.PerMinute != perMinute)
        {
            factory = new BucketFactory(perMinute);
            Volatile.Write(ref current, factory);
        }

        return factory.Create;
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

    /// <summary>Token buckets of one allowance, refilled every second, so a burst is allowed but a steady flood is not.</summary>
    private sealed class BucketFactory
    {
        private readonly TokenBucketRateLimiterOptions _bucket;

        public BucketFactory(int perMinute)
        {
            PerMinute = perMinute;
            _bucket = new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 6),
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                // The partitioned limiter replenishes every partition on its own timer; a timer per bucket would cost
                // every principal one more object and a thread-pool callback per second.
                AutoReplenishment = false,
            };
            Create = _ => new TokenBucketRateLimiter(_bucket);
        }

        public int PerMinute { get; }

        public Func<string, RateLimiter> Create { get; }
    }
}
