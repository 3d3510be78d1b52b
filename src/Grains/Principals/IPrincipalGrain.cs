using Orleans.Concurrency;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// One authenticated user (or the anonymous / desktop principal), keyed by <see cref="PrincipalKeys"/>.
/// There is one activation per key in the whole cluster, so everything cached here is shared by every
/// request and every silo that serves this principal.
/// </summary>
public interface IPrincipalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the claims of a freshly validated token. Claims issued earlier than the ones already held are
    /// ignored, so a stale token replayed late cannot roll the principal back.
    /// </summary>
    Task<PrincipalSnapshot> IdentifyAsync(PrincipalClaims claims);

    /// <summary>What the grain currently knows about its principal.</summary>
    [ReadOnly]
    Task<PrincipalSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Credentials of one role for this principal: from the cache while valid (renewed in the background ahead of
    /// expiry), otherwise from one STS call shared by every concurrent caller. Interleaves with other calls, so a
    /// slow STS call for one role never holds up cache hits; the grain's single-threaded turns keep it consistent.
    /// </summary>
    [AlwaysInterleave]
    Task<RoleCredentialsResult> GetRoleCredentialsAsync(RoleSessionRequest request);

    /// <summary>When the cached credentials of a role expire, or null when none are cached. Never calls STS.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<DateTimeOffset?> GetCachedCredentialsExpiryAsync(string roleArn);
}
