using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// Caches the claims of one principal and, per role ARN, its assumed-role credentials. Nothing here is durable on
/// purpose: claims arrive again with the next request after a reactivation, and credentials must never reach
/// storage, so they are plain fields that vanish with the activation.
/// </summary>
/// <remarks>
/// An idle principal leaves memory <see cref="IdleLifetimeMinutes"/> after its last call (Orleans collects it within
/// one more collection quantum, a minute): long enough that a user pausing between prompts keeps their credentials
/// without a new STS call, short enough to bound what 100,000 occasional users cost. Stated here rather than left to
/// Orleans' default, so the bound in docs/performance.md cannot change with an Orleans upgrade.
/// </remarks>
[CollectionAgeLimit(Minutes = IdleLifetimeMinutes)]
public sealed partial class PrincipalGrain(
    TimeProvider timeProvider,
    ILogger<PrincipalGrain> logger,
    IRoleAssumer roleAssumer,
    CredentialClock credentialClock,
    IOptions<CredentialCacheOptions> credentialCacheOptions)
    : Grain, IPrincipalGrain
{
    /// <summary>Minutes without a call after which the grain may be collected.</summary>
    public const double IdleLifetimeMinutes = 15;

    private readonly Dictionary<string, RoleCredentialCache> _roles = new(StringComparer.Ordinal);
    private PrincipalClaims? _claims;
    private DateTimeOffset? _claimsUpdatedAt;
    private DateTimeOffset _activatedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = timeProvider.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<PrincipalSnapshot> IdentifyAsync(PrincipalClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (_claims is null || claims.IssuedAt >= _claims.IssuedAt)
        {
            var changed = _claims is null || !_claims.SameIdentity(claims);
            _claims = claims;
            if (changed)
            {
                _claimsUpdatedAt = timeProvider.GetUtcNow();
                LogClaimsUpdated(logger, this.GetPrimaryKeyString(), claims.Scopes.Length, claims.Buckets.Length);
            }
        }

        return Task.FromResult(Snapshot());
    }

    public Task<PrincipalSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task<RoleCredentialsResult> GetRoleCredentialsAsync(RoleSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RoleArn);
        if (!_roles.TryGetValue(request.RoleArn, out var cache))
        {
            cache = new RoleCredentialCache(roleAssumer, credentialClock, credentialCacheOptions.Value);
            _roles.Add(request.RoleArn, cache);
        }

        return cache.GetAsync(request);
    }

    public Task<DateTimeOffset?> GetCachedCredentialsExpiryAsync(string roleArn) =>
        Task.FromResult(_roles.TryGetValue(roleArn, out var cache) ? cache.CurrentExpiration : null);

    private PrincipalSnapshot Snapshot() =>
        new(this.GetPrimaryKeyString(), _claims, _activatedAt, _claimsUpdatedAt, RuntimeIdentity);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Principal {PrincipalId} claims updated: {ScopeCount} scopes, {BucketCount} buckets")]
    private static partial void LogClaimsUpdated(ILogger logger, string principalId, int scopeCount, int bucketCount);
}
