using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests.Hostile;

/// <summary>
/// Runs the hostile token corpus (<see cref="HostileTokenCases"/>) against the validator as the server builds it,
/// with HTTPS issuers and tokens signed by jose; and the positive controls, which show the same kit makes tokens
/// the validator accepts, so the refusals are the validator's doing and not a broken kit's.
/// </summary>
public sealed class HostileTokenTests(JoseTokenFixture fixture) : IClassFixture<JoseTokenFixture>
{
    public static TheoryData<string> CaseNames => HostileTokenCases.Names;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_token_is_refused_with_its_exact_reason(string name)
    {
        var hostile = HostileTokenCases.Find(name);
        using var host = fixture.CreateHost();
        var baitRequests = fixture.Bait.AllRequests;
        var token = await hostile.Make(fixture, host.Now);

        var outcome = await host.Validator.ValidateAsync(token);

        OutcomeAssert.RejectedExactly(outcome, hostile.ExpectedReason, token);
        // No key URL from a header was followed, and the refusal came from a rule, not from the fail-closed catch-all.
        Assert.Equal(baitRequests, fixture.Bait.AllRequests);
        Assert.DoesNotContain(host.Logs.Lines(), line => line.Contains("validation failed unexpectedly", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines(), line => line.Contains($"Bearer token rejected: {hostile.ExpectedReason}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_corpus_has_at_least_forty_distinct_cases()
    {
        Assert.True(HostileTokenCases.All.Count >= 40, $"only {HostileTokenCases.All.Count} cases");
        Assert.Equal(HostileTokenCases.All.Count, HostileTokenCases.All.Select(hostile => hostile.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("RS256", "rsa-2048")]
    [InlineData("ES256", "ec-p256")]
    public async Task Jose_signed_OIDC_tokens_are_accepted(string alg, string kid)
    {
        using var host = fixture.CreateHost();
        var token = await fixture.Jose.SignAsync(alg, kid, fixture.OidcPayload(host.Now));

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Equal($"jwt|{fixture.Oidc.Issuer}|alice", validated.PrincipalKey);
        Assert.Equal(TokenIssuerKind.Oidc, validated.IssuerKind);
    }

    [Theory]
    [InlineData("RS256", "rsa-2048")]
    [InlineData("ES256", "ec-p256")]
    [InlineData("HS256", JoseTokenFixture.QuiltKid)]
    public async Task Tokens_signed_by_nodes_crypto_are_accepted_so_raw_made_cases_fail_only_for_their_change(string alg, string kid)
    {
        using var host = fixture.CreateHost();
        var payload = alg == "HS256" ? fixture.QuiltPayload(host.Now) : fixture.OidcPayload(host.Now);
        var token = await fixture.Jose.SignAsync(new JoseSignRequest
        {
            Header = new JsonObject { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" },
            Payload = payload,
            Kid = kid,
            UseNodeCrypto = true,
        });

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
    }

    [Fact]
    public async Task Jose_signed_Quilt_token_is_accepted_with_its_claims()
    {
        using var host = fixture.CreateHost();
        var payload = fixture.QuiltPayload(host.Now);
        payload["buckets"] = new JsonArray("bar-bucket");
        payload["scope"] = "quilt:read";
        var token = await fixture.Jose.SignAsync("HS256", JoseTokenFixture.QuiltKid, payload);

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Equal("jwt|quilt-frontend|alice", validated.PrincipalKey);
        Assert.Equal(["bar-bucket"], validated.Principal.Buckets);
        Assert.Equal(["quilt:read"], validated.Principal.Scopes);
    }

    [Fact]
    public async Task Jose_signed_Cognito_access_token_is_accepted()
    {
        using var host = fixture.CreateHost();
        var token = await fixture.Jose.SignAsync("RS256", "cognito-rsa", fixture.CognitoAccessPayload(host.Now));

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Equal($"jwt|{fixture.Cognito.Issuer}|alice", validated.PrincipalKey);
    }

    [Fact]
    public async Task Legitimate_variations_are_accepted_audience_list_fractional_dates_x5t_hint_and_access_token_type()
    {
        using var host = fixture.CreateHost();
        var payload = fixture.OidcPayload(host.Now);
        payload["aud"] = new JsonArray("some-other-api", JoseTokenFixture.OidcAudience);
        payload["iat"] = host.Now.ToUnixTimeSeconds() + 0.25;
        payload["exp"] = host.Now.AddHours(1).ToUnixTimeSeconds() + 0.5;
        var token = await fixture.Jose.SignAsync(new JoseSignRequest
        {
            Header = new JsonObject { ["alg"] = "RS256", ["kid"] = "rsa-2048", ["typ"] = "at+jwt", ["x5t"] = "bm90LWEtcmVhbC10aHVtYnByaW50" },
            Payload = payload,
            Kid = "rsa-2048",
        });

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Equal(host.Now.AddHours(1).ToUnixTimeSeconds() * 1000 + 500, validated.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(host.Now.ToUnixTimeSeconds() * 1000 + 250, validated.Principal.IssuedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_latest_accepted_expiry_leaves_room_for_clock_skew_arithmetic()
    {
        using var host = fixture.CreateHost();
        var payload = fixture.OidcPayload(host.Now);
        payload["exp"] = NumericDate.MaxSeconds;
        var token = await fixture.Jose.SignAsync("RS256", "rsa-2048", payload);

        var validated = OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Equal(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), validated.ExpiresAt);
        // A cache adding the largest allowed skew (5 minutes) must not overflow.
        Assert.True(validated.ExpiresAt + TimeSpan.FromMinutes(5) > validated.ExpiresAt);
    }
}
