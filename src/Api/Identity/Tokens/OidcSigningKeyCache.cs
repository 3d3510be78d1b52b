using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The signing keys of one OIDC issuer: discovery document and JWKS fetched over HTTPS, each key imported by
/// <see cref="JwkImporter"/> (weak or unsupported keys are dropped at load and logged by kid and reason), cached for
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

    /// <summary>
    /// What the JWKS holds under this kid (null when nothing); fetches when nothing is cached, the cache is stale,
    /// or the kid is new. A kid whose keys were refused counts as known: refetching would not make them stronger.
    /// </summary>
    public async Task<JwksKidEntry?> FindAsync(string kid, CancellationToken cancellationToken)
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
                var snapshot = new KeySnapshot(await FetchAsync(cancellationToken), now, _issuer.Issuer, _logger);
                _current = snapshot;
                _logger.SigningKeysFetched(_issuer.Issuer, snapshot.Count);
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

        return (IReadOnlyList<JsonWebKey>?)configuration.JsonWebKeySet?.Keys ?? [];
    }

    /// <summary>One fetched JWKS, imported: the usable keys by kid, and for kids with none, the reason.</summary>
    private sealed class KeySnapshot
    {
        private readonly Dictionary<string, JwksKidEntry> _byKid = new(StringComparer.Ordinal);

        public KeySnapshot(IReadOnlyList<JsonWebKey> jwks, DateTimeOffset fetchedAt, string issuer, ILogger logger)
        {
            FetchedAt = fetchedAt;
            var usable = new List<JwksSigningKey>();
            var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var jwk in jwks)
            {
                if (string.IsNullOrEmpty(jwk.Kid))
                {
                    // Tokens select keys by kid, so a key without one could only be reached by trying every key.
                    logger.SigningKeyRefused(issuer, "", "it has no kid");
                    continue;
                }

                if (JwkImporter.TryImport(jwk, out var refusal) is { } key)
                {
                    usable.Add(key);
                }
                else
                {
                    logger.SigningKeyRefused(issuer, SafeText.Of(jwk.Kid), refusal);
                    refusals.TryAdd(jwk.Kid, refusal);
                }
            }

            Count = usable.Count;
            foreach (var group in usable.GroupBy(key => key.Kid, StringComparer.Ordinal))
            {
                _byKid[group.Key] = new JwksKidEntry(group.ToArray(), null);
            }

            foreach (var (kid, refusal) in refusals)
            {
                _byKid.TryAdd(kid, new JwksKidEntry([], refusal));
            }
        }

        public DateTimeOffset FetchedAt { get; }

        /// <summary>Usable keys.</summary>
        public int Count { get; }

        public JwksKidEntry? Find(string kid) => _byKid.GetValueOrDefault(kid);
    }
}
