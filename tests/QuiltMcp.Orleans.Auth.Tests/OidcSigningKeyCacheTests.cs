using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>
/// The JWKS cache at its edges: keys are refetched the moment the cache duration has passed, a refetch is allowed
/// the moment the minimum interval has passed (and suppressed, with a log line, just before), concurrent callers
/// share one fetch, a cancelled refetch does not answer from stale keys, and failures are logged with what is kept.
/// </summary>
public sealed class OidcSigningKeyCacheTests : IAsyncLifetime
{
    private const string ClientId = "app-client-1";

    private readonly TestSigningKey _rsa = TestSigningKey.Rsa("rsa-1");
    private readonly TestSigningKey _ec = TestSigningKey.EcP256("ec-1");
    private OidcIssuerServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await OidcIssuerServer.StartAsync();
        _server.PublishKeys(_rsa.ToJwk(), _ec.ToJwk());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Fact]
    public async Task Keys_are_refetched_the_moment_the_cache_duration_has_passed()
    {
        using var host = OidcHost();
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_rsa.Sign(Payload(host))));

        host.Time.Advance(host.Options.JwksCacheDuration - TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_rsa.Sign(Payload(host))));
        Assert.Equal(1, _server.JwksRequests);

        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_rsa.Sign(Payload(host))));
        Assert.Equal(2, _server.JwksRequests);
    }

    [Fact]
    public async Task An_unknown_kid_refetches_the_moment_the_minimum_interval_has_passed_and_is_suppressed_before()
    {
        using var host = OidcHost();
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_rsa.Sign(Payload(host))));
        using var rotated = TestSigningKey.Rsa("rsa-2");
        _server.PublishKeys(rotated.ToJwk(), _rsa.ToJwk());
        var interval = host.Options.JwksMinimumRefetchInterval;

        host.Time.Advance(interval - TimeSpan.FromMilliseconds(1));
        var early = rotated.Sign(Payload(host));
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(early), "signing key 'rsa-2' is not published by the issuer", early);
        Assert.Equal(1, _server.JwksRequests);
        Assert.Contains(host.Logs.Lines(), line => line.Contains(
            $"Signing keys of OIDC issuer {_server.Issuer} not refetched: last fetch was less than {interval} ago", StringComparison.Ordinal));

        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(rotated.Sign(Payload(host))));
        Assert.Equal(2, _server.JwksRequests);
    }

    [Fact]
    public async Task Callers_waiting_for_a_fetch_use_its_result_instead_of_fetching_again()
    {
        // No rate limit at all, so only the single-flight rule can keep the waiting callers from fetching.
        var options = new AuthOptions { JwksMinimumRefetchInterval = TimeSpan.Zero };
        var cache = new OidcSigningKeyCache(
            new OidcIssuerOptions { Issuer = _server.Issuer, Audiences = [ClientId] },
            options,
            () => new HttpClient(LoopbackCertificate.CreateTrustingHandler()),
            new FakeTimeProvider(DateTimeOffset.UtcNow),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _server.DiscoveryDelay = TimeSpan.FromMilliseconds(500);

        var found = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => cache.FindAsync(_rsa.Kid, CancellationToken.None))));

        Assert.All(found, entry => Assert.Equal(_rsa.Kid, Assert.Single(entry!.Keys).Kid));
        Assert.Equal(1, _server.DiscoveryRequests);
        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task A_cancelled_refetch_of_stale_keys_throws_instead_of_answering_from_them()
    {
        using var host = OidcHost();
        var token = _rsa.Sign(Payload(host));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
        host.Time.Advance(host.Options.JwksCacheDuration);
        _server.DiscoveryDelay = TimeSpan.FromSeconds(5);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Validator.ValidateAsync(_rsa.Sign(Payload(host)), impatient.Token));
    }

    [Fact]
    public async Task A_failed_refetch_is_logged_with_the_number_of_keys_kept()
    {
        using var host = OidcHost();
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_rsa.Sign(Payload(host))));
        _server.FailJwks = true;
        host.Time.Advance(host.Options.JwksCacheDuration);

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(_ec.Sign(Payload(host))));

        Assert.Contains(host.Logs.Lines(), line => line.Contains(
            $"Could not fetch the signing keys of OIDC issuer {_server.Issuer}; keeping 2 cached keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_is_logged_with_both_names()
    {
        _server.AdvertisedIssuer = "https://evil.example/pool";
        using var host = OidcHost();
        var token = _rsa.Sign(Payload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);

        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, log => (log.Level, log.Id.Id) == (LogLevel.Warning, 3005) && log.Message.Contains(
            $"Discovery document of {_server.Issuer} names issuer https://evil.example/pool; its keys are not used", StringComparison.Ordinal));
        Assert.Contains(logs, log => (log.Level, log.Id.Id) == (LogLevel.Warning, 3003)
            && log.Exception?.Message == $"The discovery document of {_server.Issuer} names another issuer.");
    }

    private ValidatorHost OidcHost() => ValidatorHost.Create(ValidatorHost.OidcSettings(_server.Issuer, ClientId));

    private Dictionary<string, object?> Payload(ValidatorHost host) => TestJwt.Payload(_server.Issuer, ClientId, "alice", host.Now);
}
