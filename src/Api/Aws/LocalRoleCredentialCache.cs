using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// This silo's copy of the role credentials principal grains handed out, so a tool call on warm credentials costs no
/// grain call (a grain may live on another silo: that would be a network round trip per call). The grain stays the
/// single source of truth and the only caller of STS; this cache only remembers its answers, under these rules:
/// <list type="bullet">
/// <item>An entry is filled only from a grain answer that carried credentials, and is keyed by principal id and role
/// ARN: one principal never sees another's, whatever the role.</item>
/// <item>It is used until the moment the grain itself starts renewing them (<c>Aws:RefreshBeforeExpiry</c> before
/// expiry). From then on requests ask the grain again, which renews once for the whole cluster and meanwhile hands out
/// the still-valid set; its renewed set replaces the entry. So STS is still called once per principal, role and
/// credential lifetime cluster-wide, and no silo keeps using credentials the grain has already replaced for long.</item>
/// <item>Failures are never kept here (the grain keeps them for <c>Aws:RetryFailedAfter</c>), so a fixed trust
/// policy is seen as soon as the grain sees it.</item>
/// <item>An entry nobody used for <see cref="IdleLifetime"/> leaves memory, and at most <see cref="MaximumEntries"/>
/// are kept: beyond that a lookup simply asks the grain.</item>
/// </list>
/// </summary>
public sealed class LocalRoleCredentialCache : IDisposable
{
    /// <summary>An entry unused this long is dropped (the grain keeps its own copy until the grain is collected).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(5);

    public const int MaximumEntries = 50_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaximumEntries });
    private readonly CredentialClock _clock;
    private readonly IOptionsMonitor<CredentialCacheOptions> _options;

    public LocalRoleCredentialCache(CredentialClock clock, IOptionsMonitor<CredentialCacheOptions> options)
    {
        _clock = clock;
        _options = options;
    }

    /// <summary>The credentials this silo may use for the principal and role without asking the grain, if any.</summary>
    public bool TryGet(string principalId, string roleArn, [NotNullWhen(true)] out RoleCredentials? credentials)
    {
        if (_entries.TryGetValue(new Key(principalId, roleArn), out credentials) && credentials is not null
            && _clock.UtcNow < RenewalStart(credentials))
        {
            return true;
        }

        credentials = null;
        return false;
    }

    /// <summary>
    /// When the credentials this silo holds for the principal and role expire, or null when it holds none that it
    /// would still use (then only the grain knows).
    /// </summary>
    public DateTimeOffset? ExpiryOf(string principalId, string roleArn) =>
        TryGet(principalId, roleArn, out var credentials) ? credentials.Expiration : null;

    /// <summary>Remembers what the grain handed out; credentials already inside the renewal window are not kept.</summary>
    public void Remember(string principalId, RoleCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var usableFor = RenewalStart(credentials) - _clock.UtcNow;
        if (usableFor <= TimeSpan.Zero)
        {
            // The grain is renewing them: the next request must ask it for the new set.
            return;
        }

        _entries.Set(new Key(principalId, credentials.RoleArn), credentials, new MemoryCacheEntryOptions
        {
            // The cache's own clock drops the entry once useless; whether it may still be used is judged on every read.
            AbsoluteExpirationRelativeToNow = usableFor,
            SlidingExpiration = IdleLifetime,
            Size = 1,
        });
    }

    public void Dispose() => _entries.Dispose();

    private DateTimeOffset RenewalStart(RoleCredentials credentials) =>
        credentials.Expiration - _options.CurrentValue.RefreshBeforeExpiry;

    private readonly record struct Key(string PrincipalId, string RoleArn);
}
