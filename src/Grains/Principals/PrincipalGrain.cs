using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// Caches the claims of one principal. Nothing here is durable on purpose: claims arrive again with the next
/// request after a reactivation, and credentials must never reach storage.
/// </summary>
public sealed partial class PrincipalGrain(TimeProvider timeProvider, ILogger<PrincipalGrain> logger)
    : Grain, IPrincipalGrain
{
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
            var changed = _claims is null || !SameClaims(_claims, claims);
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

    private PrincipalSnapshot Snapshot() =>
        new(this.GetPrimaryKeyString(), _claims, _activatedAt, _claimsUpdatedAt, RuntimeIdentity);

    private static bool SameClaims(PrincipalClaims a, PrincipalClaims b) =>
        a.Subject == b.Subject
        && a.Issuer == b.Issuer
        && a.Level == b.Level
        && a.DisplayName == b.DisplayName
        && a.Email == b.Email
        && a.Scopes.SequenceEqual(b.Scopes)
        && a.Buckets.SequenceEqual(b.Buckets)
        && a.Permissions.SequenceEqual(b.Permissions)
        && a.Roles.SequenceEqual(b.Roles);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Principal {PrincipalId} claims updated: {ScopeCount} scopes, {BucketCount} buckets")]
    private static partial void LogClaimsUpdated(ILogger logger, string principalId, int scopeCount, int bucketCount);
}
