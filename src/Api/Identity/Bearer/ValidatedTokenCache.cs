using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

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

    /// <summary>Beyond this many entries new tokens are validated every time instead of being remembered.</summary>
    public const int MaximumEntries = 50_000;

    private readonly MemoryCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockSkew;

    public ValidatedTokenCache(TimeProvider timeProvider, IOptions<AuthOptions> auth)
    {
        _timeProvider = timeProvider;
        _clockSkew = auth.Value.ClockSkew;

        // The cache's expirations run on our clock: deadlines are computed from it, so they must be judged by it too.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaximumEntries, Clock = new TimeProviderClock(timeProvider) });
    }

    public bool TryGet(string token, out AuthenticatedCaller? caller) => _cache.TryGetValue(Key(token), out caller);

    public void Add(string token, AuthenticatedCaller caller)
    {
        var accepted = AcceptedUntil(caller);
        var ceiling = _timeProvider.GetUtcNow() + MaximumEntryLifetime;
        _cache.Set(Key(token), caller, new MemoryCacheEntryOptions
        {
            // Stryker disable once Equality: at equality both branches give the same instant (an equivalent mutant).
            AbsoluteExpiration = accepted < ceiling ? accepted : ceiling,
            Size = 1,
        });
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>Expiry plus skew, saturating rather than overflowing for an expiry at the end of the calendar.</summary>
    // Stryker disable once Equality: at equality both branches are DateTimeOffset.MaxValue (an equivalent mutant).
    private DateTimeOffset AcceptedUntil(AuthenticatedCaller caller) =>
        caller.Token.ExpiresAt > DateTimeOffset.MaxValue - _clockSkew ? DateTimeOffset.MaxValue : caller.Token.ExpiresAt + _clockSkew;

    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }

    /// <summary>
    /// The token's SHA-256 as a 16-character string (each char two bytes of the hash): a third of the memory of its hex
    /// form in every entry, no hex encoding per request, and still compared ordinally by the cache.
    /// </summary>
    private static string Key(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetByteCount(token);

        // Tokens are well under a kilobyte; a longer one (a header of junk, say) gets an array of its own.
        var utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(token, utf8);
        SHA256.HashData(utf8, hash);
        return new string(MemoryMarshal.Cast<byte, char>(hash));
    }
}
