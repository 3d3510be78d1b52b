using Microsoft.Extensions.Caching.Memory;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// Principal snapshots this silo fetched from their grains, reused for <see cref="MaximumAge"/> so a client polling
/// <c>get_user_info</c> costs no grain call per request. The grain stays the source of truth: an entry is only ever a
/// grain answer, it is dropped the moment this silo records newer claims for the principal (a new token), and it is
/// never older than <see cref="MaximumAge"/>, which bounds how late claims recorded by another silo, or a grain
/// reactivation, show here. Entries leave memory when they age out; at most <see cref="MaximumEntries"/> are kept.
/// </summary>
public sealed class PrincipalSnapshotCache : IDisposable
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(30);

    public const int MaximumEntries = 10_000;

    private readonly MemoryCache _snapshots = new(new MemoryCacheOptions { SizeLimit = MaximumEntries });

    /// <summary>The principal's snapshot: this silo's copy while it is younger than <see cref="MaximumAge"/>, else the grain's.</summary>
    public async Task<PrincipalSnapshot> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // First the caller's claims reach the grain (once per token; recording a new token drops the copy below).
        var grain = await caller.GetGrainAsync(cancellationToken);
        if (_snapshots.TryGetValue(caller.PrincipalId, out PrincipalSnapshot? cached) && cached is not null)
        {
            return cached;
        }

        var snapshot = await grain.GetSnapshotAsync().WaitAsync(cancellationToken);
        _snapshots.Set(caller.PrincipalId, snapshot, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = MaximumAge, Size = 1 });
        return snapshot;
    }

    /// <summary>This silo just recorded newer claims with the grain: the copy it holds is out of date.</summary>
    public void Forget(string principalId) => _snapshots.Remove(principalId);

    public void Dispose() => _snapshots.Dispose();
}
