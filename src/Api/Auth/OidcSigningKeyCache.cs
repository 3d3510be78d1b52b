using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Auth;

/// <summary>
/// The signing keys of one OIDC issuer: discovery document and JWKS fetched over HTTP, cached for
/// <see cref="AuthOptions.JwksCacheDuration"/>, fetched again when a token names an unknown kid (a key rotation),
/// but never more often than <see cref="AuthOptions.JwksMinimumRefetchInterval"/>, whatever the tokens say.
/// </summary>
/// <remarks>
/// Why not <c>ConfigurationManager&lt;OpenIdConnectConfiguration&gt;</c>: in Microsoft.IdentityModel 8.x its
/// <c>RequestRefresh</c> refreshes in the background, so the very token that revealed a rotated key would be
/// rejected; making it blocking needs a process-wide AppContext switch. This cache still uses the library's
/// discovery and JWKS parser (<see cref="OpenIdConnectConfigurationRetriever"/>) over our own
/// <see cref="MetadataDocumentRetriever"/>, and adds single-flight fetching with a rate limit on a
/// <see cref="TimeProvider"/>, so it is testable.
/// </remarks>
internal sealed class OidcSigningKeyCache
{
    private readonly OidcIssuerOptions _issuer;
    private readonly AuthOptions _options;
    private readonly Func<HttpClient> _createHttpClient;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private volatile KeySnapshot? _current;
    private DateTimeOffset? _lastFetchAttempt;

    // createHttpClient is called per fetch, as IHttpClientFactory intends: a client held for the process lifetime
    // would never see DNS changes of the issuer.
    public OidcSigningKeyCache(OidcIssuerOptions issuer, AuthOptions options, Func<HttpClient> createHttpClient, TimeProvider time, ILogger logger)
    {
        _issuer = issuer;
        _options = options;
        _createHttpClient = createHttpClient;
        _time = time;
        _logger = logger;
    }

    /// <summary>Keys with this kid; fetches when nothing is cached, the cache is stale, or the kid is new.</summary>
    public async Task<IReadOnlyList<JsonWebKey>?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var snapshot = _current;
        if (snapshot is null || _time.GetUtcNow() - snapshot.FetchedAt >= _options.JwksCacheDuration)
        {
            snapshot = await RefreshAsync(snapshot, cancellationToken);
        }

        if (snapshot?.Find(kid) is { } keys)
        {
            return keys;
        }

        snapshot = await RefreshAsync(snapshot, cancellationToken);
        return snapshot?.Find(kid);
    }

    /// <summary>
    /// Fetches unless another caller already replaced <paramref name="seen"/> while this one waited (then its
    /// result is used) or the last attempt was too recent (then the cached keys are used).
    /// </summary>
    private async Task<KeySnapshot?> RefreshAsync(KeySnapshot? seen, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current, seen))
            {
                return current;
            }

            var now = _time.GetUtcNow();
            if (_lastFetchAttempt is { } last && now - last < _options.JwksMinimumRefetchInterval)
            {
                _logger.SigningKeysRefetchSuppressed(_issuer.Issuer, _options.JwksMinimumRefetchInterval);
                return current;
            }

            _lastFetchAttempt = now;
            try
            {
                var keys = await FetchAsync(cancellationToken);
                _current = new KeySnapshot(keys, now);
                _logger.SigningKeysFetched(_issuer.Issuer, keys.Count);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller went away; that is no reason to hold back the next caller's fetch.
                _lastFetchAttempt = null;
                throw;
            }
            catch (Exception exception)
            {
                // Keep the last good keys: an issuer outage must not log everybody out.
                _logger.SigningKeysFetchFailed(exception, _issuer.Issuer, current?.Count ?? 0);
            }

            return _current;
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private async Task<IReadOnlyList<JsonWebKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.MetadataTimeout);
        var retriever = new MetadataDocumentRetriever(_createHttpClient(), _options.RequireHttpsMetadata);
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            _issuer.EffectiveMetadataAddress, retriever, timeout.Token);

        // OIDC Discovery §4.3: the document must name the issuer it was fetched for, or its keys could sign for another.
        if (!string.Equals(configuration.Issuer, _issuer.Issuer, StringComparison.Ordinal))
        {
            _logger.DiscoveryIssuerMismatch(_issuer.Issuer, SafeText.Of(configuration.Issuer));
            throw new InvalidOperationException($"The discovery document of {_issuer.Issuer} names another issuer.");
        }

        return (configuration.JsonWebKeySet?.Keys ?? []).Where(IsUsableSigningKey).ToArray();
    }

    /// <summary>Only public signature keys with a kid: a symmetric (<c>oct</c>) key in a JWKS is never trusted.</summary>
    private static bool IsUsableSigningKey(JsonWebKey key) =>
        !string.IsNullOrEmpty(key.Kid)
        && (key.Kty == JsonWebAlgorithmsKeyTypes.RSA || key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve)
        && (string.IsNullOrEmpty(key.Use) || key.Use == JsonWebKeyUseNames.Sig);

    private sealed class KeySnapshot(IReadOnlyList<JsonWebKey> keys, DateTimeOffset fetchedAt)
    {
        private readonly ILookup<string, JsonWebKey> _byKid = keys.ToLookup(key => key.Kid, StringComparer.Ordinal);

        public DateTimeOffset FetchedAt { get; } = fetchedAt;

        public int Count => keys.Count;

        public IReadOnlyList<JsonWebKey>? Find(string kid) => _byKid.Contains(kid) ? _byKid[kid].ToArray() : null;
    }
}
