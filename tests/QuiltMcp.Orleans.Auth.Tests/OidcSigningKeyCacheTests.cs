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
public sealed class OidcSigningKeyCacheTests : OidcIssuerTestBase
{
    [Fact]
    public async Task Keys_are_refetched_the_moment_the_cache_duration_has_passed()
    {
        using var host = await OidcHostWithKeysCachedAsync();

        host.Time.Advance(host.Options.JwksCacheDuration - TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));
        Assert.Equal(1, Server.JwksRequests);

        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));
        Assert.Equal(2, Server.JwksRequests);
    }

    [Fact]
    public async Task An_unknown_kid_refetches_the_moment_the_minimum_interval_has_passed_and_is_suppressed_before()
    {
        using var host = await OidcHostWithKeysCachedAsync();
        using var rotated = TestSigningKey.Rsa("rsa-2");
        Server.PublishKeys(rotated.ToJwk(), Rsa.ToJwk());
        var interval = host.Options.JwksMinimumRefetchInterval;

        host.Time.Advance(interval - TimeSpan.FromMilliseconds(1));
        var early = rotated.Sign(Payload(host));
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(early), "signing key 'rsa-2' is not published by the issuer", early);
        Assert.Equal(1, Server.JwksRequests);
        Assert.Contains(host.Logs.Lines(), line => line.Contains(
            $"Signing keys of OIDC issuer {Server.Issuer} not refetched: last fetch was less than {interval} ago", StringComparison.Ordinal));

        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(rotated.Sign(Payload(host))));
        Assert.Equal(2, Server.JwksRequests);
    }

    [Fact]
    public async Task Callers_waiting_for_a_fetch_use_its_result_instead_of_fetching_again()
    {
        // No rate limit at all, so only the single-flight rule can keep the waiting callers from fetching.
        var options = new AuthOptions { JwksMinimumRefetchInterval = TimeSpan.Zero };
        var cache = new OidcSigningKeyCache(
            new OidcIssuerOptions { Issuer = Server.Issuer, Audiences = [ClientId] },
            options,
            () => new HttpClient(LoopbackCertificate.CreateTrustingHandler()),
            new FakeTimeProvider(DateTimeOffset.UtcNow),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Server.DiscoveryDelay = TimeSpan.FromMilliseconds(500);

        var found = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => cache.FindAsync(Rsa.Kid, CancellationToken.None))));

        Assert.All(found, entry => Assert.Equal(Rsa.Kid, Assert.Single(entry!.Keys).Kid));
        Assert.Equal(1, Server.DiscoveryRequests);
        Assert.Equal(1, Server.JwksRequests);
    }

    [Fact]
    public async Task A_cancelled_refetch_of_stale_keys_throws_instead_of_answering_from_them()
    {
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
        host.Time.Advance(host.Options.JwksCacheDuration);
        Server.DiscoveryDelay = TimeSpan.FromSeconds(5);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Validator.ValidateAsync(Rsa.Sign(Payload(host)), impatient.Token));
    }

    [Fact]
    public async Task A_failed_refetch_is_logged_with_the_number_of_keys_kept()
    {
        using var host = await OidcHostWithKeysCachedAsync();
        Server.FailJwks = true;
        host.Time.Advance(host.Options.JwksCacheDuration);

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Ec.Sign(Payload(host))));

        Assert.Contains(host.Logs.Lines(), line => line.Contains(
            $"Could not fetch the signing keys of OIDC issuer {Server.Issuer}; keeping 2 cached keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_is_logged_with_both_names()
    {
        Server.AdvertisedIssuer = "https://evil.example/pool";
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);

        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, log => (log.Level, log.Id.Id) == (LogLevel.Warning, 3005) && log.Message.Contains(
            $"Discovery document of {Server.Issuer} names issuer https://evil.example/pool; its keys are not used", StringComparison.Ordinal));
        Assert.Contains(logs, log => (log.Level, log.Id.Id) == (LogLevel.Warning, 3003)
            && log.Exception?.Message == $"The discovery document of {Server.Issuer} names another issuer.");
    }
}
