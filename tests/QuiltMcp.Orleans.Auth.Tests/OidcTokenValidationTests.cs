using System.Security.Cryptography;
using System.Text;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>OIDC issuers: keys from a JWKS served over real HTTP, cached, refetched on rotation, rate-limited.</summary>
public sealed class OidcTokenValidationTests : OidcIssuerTestBase
{
    [Fact]
    public async Task RS256_and_ES256_tokens_are_accepted_with_one_key_fetch()
    {
        using var host = OidcHost();
        var rsaToken = Rsa.Sign(Payload(host));
        var ecToken = Ec.Sign(Payload(host, subject: "bob"));

        var rsa = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(rsaToken));
        var ec = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(ecToken));

        Assert.Equal($"jwt|{Server.Issuer}|alice", rsa.PrincipalKey);
        Assert.Equal($"jwt|{Server.Issuer}|bob", ec.PrincipalKey);
        Assert.Equal(TokenIssuerKind.Oidc, rsa.IssuerKind);
        Assert.Equal(1, Server.DiscoveryRequests);
        Assert.Equal(1, Server.JwksRequests);
        Assert.Contains(host.Logs.Lines(), line => line.Contains($"Fetched 2 signing keys of OIDC issuer {Server.Issuer}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rotated_key_is_picked_up_without_restart()
    {
        using var host = await OidcHostWithKeysCachedAsync();
        using var rotated = TestSigningKey.Rsa("rsa-2");
        Server.PublishKeys(rotated.ToJwk(), Ec.ToJwk());
        host.Time.Advance(TimeSpan.FromSeconds(31));

        var outcome = await host.Validator.ValidateAsync(rotated.Sign(Payload(host)));

        OutcomeAssert.Accepted(outcome);
        Assert.Equal(2, Server.JwksRequests);
        // The retired key is gone from the issuer, and now from the server too.
        var retired = Rsa.Sign(Payload(host));
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(retired), "not published", retired);
    }

    [Fact]
    public async Task Unknown_kids_cause_a_bounded_number_of_key_fetches()
    {
        using var host = await OidcHostWithKeysCachedAsync();
        Assert.Equal(1, Server.JwksRequests);

        // Within one refetch interval: 100 junk kids, half of them concurrently, cost at most one extra fetch.
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var junk = Enumerable.Range(0, 100).Select(index => Rsa.Sign(Payload(host), kid: $"junk-{index}")).ToArray();
        var concurrent = await Task.WhenAll(junk.Take(50).Select(token => host.Validator.ValidateAsync(token)));
        foreach (var token in junk.Skip(50))
        {
            OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);
        }

        Assert.All(concurrent, outcome => Assert.False(outcome.Succeeded));
        Assert.Equal(2, Server.JwksRequests);

        // The next interval allows exactly one more.
        host.Time.Advance(TimeSpan.FromSeconds(31));
        foreach (var token in junk.Take(10))
        {
            Assert.False((await host.Validator.ValidateAsync(token)).Succeeded);
        }

        Assert.Equal(3, Server.JwksRequests);
        // Known keys keep working throughout, from the cache.
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Ec.Sign(Payload(host))));
        Assert.Equal(3, Server.JwksRequests);
    }

    [Fact]
    public async Task Keys_are_refetched_when_the_cache_duration_has_passed()
    {
        using var host = await OidcHostWithKeysCachedAsync();

        host.Time.Advance(host.Options.JwksCacheDuration + TimeSpan.FromSeconds(1));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));

        Assert.Equal(2, Server.JwksRequests);
    }

    [Fact]
    public async Task Failing_issuer_rejects_its_tokens_and_is_not_asked_again_within_the_refetch_interval()
    {
        Server.FailJwks = true;
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);
        Assert.Equal(1, Server.JwksRequests);

        Server.FailJwks = false;
        host.Time.Advance(TimeSpan.FromSeconds(31));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));
        Assert.Equal(2, Server.JwksRequests);
    }

    [Fact]
    public async Task Cancelled_validation_throws_and_does_not_hold_back_the_next_fetch()
    {
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Validator.ValidateAsync(token, cancelled.Token));

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
        Assert.Equal(1, Server.JwksRequests);
    }

    [Fact]
    public async Task A_fetch_cancelled_midway_does_not_count_against_the_refetch_interval()
    {
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));
        Server.DiscoveryDelay = TimeSpan.FromSeconds(30);
        using var impatient = new CancellationTokenSource();

        // Cancelled once the issuer has the request in hand (not after a fixed time, which a busy machine may not reach).
        var validation = host.Validator.ValidateAsync(token, impatient.Token);
        await Eventually.TrueAsync(() => Server.DiscoveryRequests == 1, TimeSpan.FromSeconds(30), "the discovery request at the issuer");
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validation);
        Server.DiscoveryDelay = TimeSpan.Zero;

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
        Assert.Equal(2, Server.DiscoveryRequests);
    }

    [Fact]
    public async Task A_slow_issuer_is_given_up_on_after_the_metadata_timeout()
    {
        var settings = ValidatorHost.OidcSettings(Server.Issuer, ClientId);
        settings["Auth:MetadataTimeout"] = "00:00:01";
        using var host = ValidatorHost.Create(settings);
        // The issuer would answer long after the test's hang guard: a validation that comes back at all gave up on it.
        Server.DiscoveryDelay = TimeSpan.FromMinutes(10);
        var token = Rsa.Sign(Payload(host));

        var outcome = await host.Validator.ValidateAsync(token).WaitAsync(TimeSpan.FromMinutes(2));

        OutcomeAssert.Rejected(outcome, "not published", token);
        Assert.Equal(1, Server.DiscoveryRequests);
        Assert.Equal(0, Server.JwksRequests);
        // Given up by the timeout (a cancelled fetch), not refused for another reason.
        Assert.Contains(host.Logs.Lines(), line => line.Contains("Could not fetch the signing keys", StringComparison.Ordinal)
            && line.Contains("TaskCanceledException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metadata_over_plain_http_is_refused_when_https_is_required_without_a_request()
    {
        await using var plain = await OidcIssuerServer.StartAsync(https: false);
        plain.PublishKeys(Rsa.ToJwk());
        using var client = new HttpClient();
        var retriever = new MetadataDocumentRetriever(client, requireHttps: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => retriever.GetDocumentAsync(plain.JwksUrl, default));

        Assert.Equal(0, plain.AllRequests);
        Assert.Contains("\"keys\"", await new MetadataDocumentRetriever(client, requireHttps: false).GetDocumentAsync(plain.JwksUrl, default));
    }

    [Fact]
    public async Task An_issuer_whose_certificate_is_not_trusted_is_not_believed()
    {
        using var host = ValidatorHost.Create(ValidatorHost.OidcSettings(Server.Issuer, ClientId), trustLoopbackCertificate: false);
        var token = Rsa.Sign(Payload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);

        // The TLS handshake failed before any request reached the issuer.
        Assert.Equal(0, Server.AllRequests);
        Assert.Contains(host.Logs.Lines(), line => line.Contains("Could not fetch the signing keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cached_keys_outlive_an_issuer_outage()
    {
        using var host = await OidcHostWithKeysCachedAsync();
        Server.FailJwks = true;

        host.Time.Advance(host.Options.JwksCacheDuration + TimeSpan.FromSeconds(1));

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));
        Assert.Equal(2, Server.JwksRequests);
    }

    [Fact]
    public async Task Discovery_document_naming_another_issuer_is_not_trusted()
    {
        Server.AdvertisedIssuer = "https://evil.example/pool";
        using var host = OidcHost();
        var token = Rsa.Sign(Payload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "not published", token);
        Assert.Equal(1, Server.DiscoveryRequests);
        Assert.Equal(1, Server.JwksRequests);
    }

    public static TheoryData<string> PublicKeyEncodings => new() { "pem", "spki-der", "pkcs1-der", "modulus" };

    [Theory]
    [MemberData(nameof(PublicKeyEncodings))]
    public async Task HS256_signed_with_the_RSA_public_key_is_rejected(string encoding)
    {
        using var host = OidcHost();
        var key = Rsa.RsaKey;
        byte[] secret = encoding switch
        {
            "pem" => Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()),
            "spki-der" => key.ExportSubjectPublicKeyInfo(),
            "pkcs1-der" => key.ExportRSAPublicKey(),
            _ => key.ExportParameters(false).Modulus!,
        };
        var token = TestJwt.Encode(TestJwt.Header("HS256", Rsa.Kid), Payload(host), TestJwt.Hs256(secret));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "algorithm 'HS256' is not accepted", token);
    }

    [Fact]
    public async Task Alg_none_is_rejected_for_OIDC_issuers()
    {
        using var host = OidcHost();
        var token = TestJwt.Encode(TestJwt.Header("none", Rsa.Kid), Payload(host), sign: null);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "algorithm 'none' is not accepted", token);
    }

    [Fact]
    public async Task A_token_cannot_use_a_key_published_for_another_algorithm()
    {
        using var host = OidcHost();
        // Signed correctly with the RSA key, but the header claims the EC key's kid.
        var token = Rsa.Sign(Payload(host), kid: Ec.Kid);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "is not for algorithm 'RS256'", token);
    }

    [Fact]
    public async Task Token_signed_by_an_unpublished_key_is_rejected_and_one_bringing_its_own_key_is_refused_unfetched()
    {
        using var host = OidcHost();
        using var attacker = TestSigningKey.Rsa(Rsa.Kid);
        var impostor = attacker.Sign(Payload(host));
        var header = TestJwt.Header("RS256", Rsa.Kid);
        header["jwk"] = attacker.ToJwk();
        header["jku"] = Server.UnrelatedUrl;
        var selfKeyed = TestJwt.Encode(header, Payload(host), attacker.Signer);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(impostor), "signature is invalid", impostor);
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(selfKeyed), "header parameter 'jku' is not accepted", selfKeyed);
        Assert.Equal(0, Server.OtherRequests);
    }

    [Fact]
    public async Task Symmetric_keys_in_a_JWKS_are_never_trusted()
    {
        const string sharedSecret = "oct-key-in-jwks-0123456789-abcdefghijkl";
        Server.PublishKeys(new Dictionary<string, object?>
        {
            ["kty"] = "oct",
            ["kid"] = "oct-1",
            ["k"] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sharedSecret)),
        }, Rsa.ToJwk());
        using var host = OidcHost();
        var token = TestJwt.Encode(TestJwt.Header("RS256", "oct-1"), Payload(host), Rsa.Signer);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "signing key 'oct-1' is refused: symmetric (oct) keys are never trusted", token);
    }

    [Fact]
    public async Task Wrong_audience_is_rejected_for_a_standard_OIDC_issuer()
    {
        using var host = OidcHost();
        var payload = Payload(host);
        payload["aud"] = "some-other-client";
        var token = Rsa.Sign(payload);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "audience is not accepted", token);
    }

    [Fact]
    public async Task Expired_OIDC_token_is_rejected()
    {
        using var host = OidcHost();
        var payload = TestJwt.Payload(Server.Issuer, ClientId, "alice", host.Now.AddHours(-3), TimeSpan.FromHours(1));
        var token = Rsa.Sign(payload);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(token), "expired", token);
    }

    [Fact]
    public async Task Cognito_access_token_is_checked_by_client_id_and_accepted_when_access_is_configured()
    {
        using var host = OidcHost(CognitoTokenUses.Access);
        var access = Rsa.Sign(CognitoAccessPayload(host, ClientId));
        var otherClient = Rsa.Sign(CognitoAccessPayload(host, "someone-elses-client"));

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(access));
        Assert.Equal(["quilt:read", "public:read"], validated.Principal.Scopes);
        Assert.Equal("alice-cognito", validated.Principal.DisplayName);
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(otherClient), "client_id is not an accepted audience", otherClient);
    }

    [Fact]
    public async Task Cognito_ID_token_is_refused_when_only_access_tokens_are_configured()
    {
        using var host = OidcHost(CognitoTokenUses.Access);
        var id = Rsa.Sign(CognitoIdPayload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(id), "token_use 'id' is not accepted", id);
    }

    [Fact]
    public async Task Cognito_access_token_is_refused_when_only_ID_tokens_are_configured()
    {
        using var host = OidcHost(CognitoTokenUses.Id);
        var access = Rsa.Sign(CognitoAccessPayload(host, ClientId));
        var id = Rsa.Sign(CognitoIdPayload(host));

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(access), "token_use 'access' is not accepted", access);
        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(id));
        Assert.Equal("alice@example.com", validated.Principal.Email);
    }

    [Fact]
    public async Task Cognito_ID_token_with_another_audience_and_a_token_without_token_use_are_refused()
    {
        using var host = OidcHost(CognitoTokenUses.Access, CognitoTokenUses.Id);
        var idPayload = CognitoIdPayload(host);
        idPayload["aud"] = "someone-elses-client";
        var foreignId = Rsa.Sign(idPayload);
        var noUse = CognitoAccessPayload(host, ClientId);
        noUse.Remove("token_use");
        var untyped = Rsa.Sign(noUse);

        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(foreignId), "audience is not accepted", foreignId);
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(untyped), "no token_use", untyped);
    }

    [Fact]
    public async Task Cognito_ID_token_is_accepted_when_any_of_its_audiences_is_an_app_client()
    {
        using var host = OidcHost(CognitoTokenUses.Id);
        var payload = CognitoIdPayload(host);
        payload["aud"] = new[] { "someone-elses-client", ClientId };

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(payload)));
    }

    [Fact]
    public async Task Cognito_token_with_an_empty_token_use_has_none()
    {
        using var host = OidcHost(CognitoTokenUses.Access, CognitoTokenUses.Id);
        var payload = CognitoAccessPayload(host, ClientId);
        payload["token_use"] = "";
        var token = Rsa.Sign(payload);

        OutcomeAssert.RejectedExactly(await host.Validator.ValidateAsync(token), "token has no token_use claim", token);
    }

    /// <summary>Shaped like a Cognito access token: no aud, client_id and token_use instead.</summary>
    private Dictionary<string, object?> CognitoAccessPayload(ValidatorHost host, string clientId)
    {
        var payload = Payload(host);
        payload.Remove("aud");
        payload["client_id"] = clientId;
        payload["token_use"] = CognitoTokenUses.Access;
        payload["scope"] = "quilt:read public:read";
        payload["username"] = "alice-cognito";
        payload["cognito:username"] = "alice-cognito";
        return payload;
    }

    private Dictionary<string, object?> CognitoIdPayload(ValidatorHost host)
    {
        var payload = Payload(host);
        payload["token_use"] = CognitoTokenUses.Id;
        payload["email"] = "alice@example.com";
        return payload;
    }
}
