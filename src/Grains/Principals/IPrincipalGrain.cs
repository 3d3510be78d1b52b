using Orleans.Concurrency;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// One authenticated user (or the anonymous / desktop principal), keyed by <see cref="PrincipalKeys"/>.
/// There is one activation per key in the whole cluster, so everything cached here is shared by every
/// request and every silo that serves this principal.
/// </summary>
/// <remarks>
/// Every method may be sent again after a silo loss (<see cref="RetryOnSiloLossAttribute"/>): the grain holds nothing
/// durable, so a call that ran on a lost activation left nothing behind, and each method says why a second run is safe.
/// </remarks>
public interface IPrincipalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the claims of a freshly validated token. Claims issued earlier than the ones already held are
    /// ignored, so a stale token replayed late cannot roll the principal back.
    /// </summary>
    /// <remarks>Safe to repeat: the same claims again leave the grain as one call did.</remarks>
    [RetryOnSiloLoss]
    Task<PrincipalSnapshot> IdentifyAsync(PrincipalClaims claims);

    /// <summary>What the grain currently knows about its principal.</summary>
    /// <remarks>Safe to repeat: a read.</remarks>
    [ReadOnly, RetryOnSiloLoss]
    Task<PrincipalSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Credentials of one role for this principal: from the cache while valid (renewed in the background ahead of
    /// expiry), otherwise from one STS call shared by every concurrent caller. Interleaves with other calls, so a
    /// slow STS call for one role never holds up cache hits; the grain's single-threaded turns keep it consistent.
    /// </summary>
    /// <remarks>
    /// Safe to repeat: a second run at worst assumes the role once more, which only issues another set of temporary
    /// credentials (the cache of a lost activation is gone with it anyway).
    /// </remarks>
    [AlwaysInterleave, RetryOnSiloLoss]
    Task<RoleCredentialsResult> GetRoleCredentialsAsync(RoleSessionRequest request);

    /// <summary>When the cached credentials of a role expire, or null when none are cached. Never calls STS.</summary>
    /// <remarks>Safe to repeat: a read.</remarks>
    [ReadOnly, AlwaysInterleave, RetryOnSiloLoss]
    Task<DateTimeOffset?> GetCachedCredentialsExpiryAsync(string roleArn);
}
