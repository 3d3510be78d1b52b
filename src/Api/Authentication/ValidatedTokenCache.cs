using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace QuiltMcp.Orleans.Api.Authentication;

/// <summary>
/// Remembers tokens that validated, keyed by a SHA-256 of the token, so a client reusing its token does not pay
/// for signature checks on every request. Entries expire with the token (and after a short ceiling, so a key
/// removed from configuration stops being honoured soon); the cache is bounded so junk cannot grow it.
/// Failures are never cached: a rotated-in key must be able to make a token valid at once.
/// </summary>
public sealed class ValidatedTokenCache : IDisposable
{
    /// <summary>Entries are checked again at least this often, whatever the token's lifetime.</summary>
    public static readonly TimeSpan MaximumEntryLifetime = TimeSpan.FromMinutes(5);

    private const int MaximumEntries = 50_000;

    private readonly MemoryCache _cache;
    private readonly TimeProvider _timeProvider;

    public ValidatedTokenCache(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaximumEntries });
    }

    public bool TryGet(string token, out AuthenticatedCaller? caller)
    {
        if (_cache.TryGetValue(Key(token), out caller) && caller is not null && caller.Token.ExpiresAt > _timeProvider.GetUtcNow())
        {
            return true;
        }

        caller = null;
        return false;
    }

    public void Add(string token, AuthenticatedCaller caller)
    {
        var expires = caller.Token.ExpiresAt;
        var ceiling = _timeProvider.GetUtcNow() + MaximumEntryLifetime;
        _cache.Set(Key(token), caller, new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = expires < ceiling ? expires : ceiling,
            Size = 1,
        });
    }

    public void Dispose() => _cache.Dispose();

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
