using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Auth;

namespace QuiltMcp.Orleans.Api.Authentication;

/// <summary>
/// Remembers tokens that validated, keyed by a SHA-256 of the token, so a client reusing its token does not pay
/// for signature checks on every request. Entries expire when the validator would stop accepting the token (its
/// expiry plus <see cref="AuthOptions.ClockSkew"/>, so the last moments of a token's life are not validated again on
/// every request), and after a short ceiling, so a key
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
    private readonly TimeSpan _clockSkew;

    public ValidatedTokenCache(TimeProvider timeProvider, IOptions<AuthOptions> auth)
    {
        _timeProvider = timeProvider;
        _clockSkew = auth.Value.ClockSkew;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaximumEntries });
    }

    public bool TryGet(string token, out AuthenticatedCaller? caller)
    {
        if (_cache.TryGetValue(Key(token), out caller) && caller is not null && AcceptedUntil(caller) > _timeProvider.GetUtcNow())
        {
            return true;
        }

        caller = null;
        return false;
    }

    public void Add(string token, AuthenticatedCaller caller)
    {
        var expires = AcceptedUntil(caller);
        var ceiling = _timeProvider.GetUtcNow() + MaximumEntryLifetime;
        _cache.Set(Key(token), caller, new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = expires < ceiling ? expires : ceiling,
            Size = 1,
        });
    }

    public void Dispose() => _cache.Dispose();

    private DateTimeOffset AcceptedUntil(AuthenticatedCaller caller) => caller.Token.ExpiresAt + _clockSkew;

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
