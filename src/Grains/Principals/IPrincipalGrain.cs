using Orleans.Concurrency;

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
}
