using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>The validation matrix for Quilt catalog (HS256) tokens.</summary>
public sealed class QuiltTokenValidationTests : IDisposable
{
    private readonly ValidatorHost _host = ValidatorHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Valid_token_yields_principal_key_claims_scheme_and_expiry()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["scope"] = "quilt:read public:read";
            payload["email"] = "alice@example.com";
            payload["name"] = "Alice";
        });

        var validated = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token));

        Assert.Equal("jwt|quilt-frontend|alice", validated.PrincipalKey);
        Assert.Equal(TokenIssuerKind.Quilt, validated.IssuerKind);
        Assert.Equal("alice", validated.Principal.Subject);
        Assert.Equal(QuiltTokenDefaults.Issuer, validated.Principal.Issuer);
        Assert.Equal(["quilt:read", "public:read"], validated.Principal.Scopes);
        Assert.Equal("Alice", validated.Principal.DisplayName);
        Assert.Equal("alice@example.com", validated.Principal.Email);
        Assert.Equal(_host.Now.ToUnixTimeSeconds(), validated.Principal.IssuedAt.ToUnixTimeSeconds());
        Assert.Equal((_host.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), validated.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal("alice", validated.Claims["sub"]);
        Assert.Equal(_host.Now.ToUnixTimeSeconds(), Assert.IsType<long>(validated.Claims["iat"]));
        Assert.Equal("jwt|quilt-frontend|alice", validated.PrincipalKey);
        Assert.DoesNotContain(token, validated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_token_is_rejected_but_a_token_expired_within_the_clock_skew_is_accepted()
    {
        var expired = _host.QuiltToken(payload =>
        {
            payload["nbf"] = _host.Now.AddHours(-2).ToUnixTimeSeconds();
            payload["exp"] = _host.Now.AddSeconds(-61).ToUnixTimeSeconds();
        });
        var withinSkew = _host.QuiltToken(payload =>
        {
            payload["nbf"] = _host.Now.AddHours(-2).ToUnixTimeSeconds();
            payload["exp"] = _host.Now.AddSeconds(-30).ToUnixTimeSeconds();
        });

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(expired), "expired", expired);
        OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(withinSkew));
    }

    [Fact]
    public async Task Token_expires_when_the_clock_passes_exp_plus_skew()
    {
        var token = _host.QuiltToken(payload => payload["exp"] = _host.Now.AddMinutes(5).ToUnixTimeSeconds());
        OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token));

        _host.Time.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "expired", token);
    }

    [Fact]
    public async Task Token_not_yet_valid_is_rejected()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["nbf"] = _host.Now.AddMinutes(10).ToUnixTimeSeconds();
            payload["exp"] = _host.Now.AddHours(1).ToUnixTimeSeconds();
        });

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "not yet valid", token);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.!!!.sig")]
    [InlineData("....")]
    [InlineData("e30.e30.e30.e30.e30")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")]
    public async Task Malformed_token_is_rejected(string token)
    {
        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "well-formed", token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_token_is_rejected(string token)
    {
        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "no token", token);
    }

    public static TheoryData<string, object, string> MalformedTimeClaims => new()
    {
        { "exp", "tomorrow", "claim 'exp' must be a number (NumericDate)" },
        { "exp", 1e20, "claim 'exp' is outside the NumericDate range" },
        { "exp", new[] { 1 }, "claim 'exp' must be a number (NumericDate)" },
        { "exp", -5, "claim 'exp' is outside the NumericDate range" },
        { "nbf", "yesterday", "claim 'nbf' must be a number (NumericDate)" },
        { "nbf", 1e20, "claim 'nbf' is outside the NumericDate range" },
        { "iat", "now", "claim 'iat' must be a number (NumericDate)" },
    };

    [Theory]
    [MemberData(nameof(MalformedTimeClaims))]
    public async Task Malformed_time_claims_are_rejected_without_throwing(string claim, object value, string reason)
    {
        var token = _host.QuiltToken(payload => payload[claim] = value);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), reason, token);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_is_rejected()
    {
        var token = _host.QuiltToken(secret: "another-secret-of-sufficient-length-0123456789");

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "signature is invalid", token);
    }

    [Fact]
    public async Task Token_with_an_unknown_kid_is_rejected_even_when_signed_with_a_known_secret()
    {
        var token = _host.QuiltToken(kid: "k-unknown");

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "signing key 'k-unknown' is not known", token);
    }

    [Fact]
    public async Task Token_without_kid_uses_the_only_configured_key()
    {
        var token = _host.QuiltToken(kid: null);

        OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token));
    }

    [Fact]
    public async Task Both_keys_are_accepted_during_rotation_and_a_kid_less_token_is_then_ambiguous()
    {
        using var host = ValidatorHost.Create(new Dictionary<string, string?>
        {
            ["Auth:Quilt:Keys:1:Kid"] = "k2",
            ["Auth:Quilt:Keys:1:Secret"] = "rotated-secret-0123456789-abcdefghij-QRST",
        });
        var old = host.QuiltToken();
        var rotated = host.QuiltToken(kid: "k2", secret: "rotated-secret-0123456789-abcdefghij-QRST");
        var crossed = host.QuiltToken(kid: "k2");
        var kidless = host.QuiltToken(kid: null);

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(old));
        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(rotated));
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(crossed), "signature is invalid", crossed);
        OutcomeAssert.Rejected(await host.Validator.ValidateAsync(kidless), "no kid", kidless);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_rejected()
    {
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "mallory", _host.Now);
        var token = TestJwt.Encode(TestJwt.Header("none", ValidatorHost.QuiltKid), payload, sign: null);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "algorithm 'none' is not accepted", token);
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    [InlineData("RS256")]
    public async Task Only_HS256_is_accepted_for_Quilt_keys(string algorithm)
    {
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "mallory", _host.Now);
        var token = TestJwt.Encode(TestJwt.Header(algorithm, ValidatorHost.QuiltKid), payload, TestJwt.Hs256(ValidatorHost.QuiltSecret));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), $"algorithm '{algorithm}' is not accepted", token);
    }

    [Theory]
    [InlineData("exp", "no expiry")]
    [InlineData("sub", "'sub'")]
    [InlineData("iss", "issuer is not trusted")]
    [InlineData("aud", "audience is not accepted")]
    public async Task Token_without_a_required_claim_is_rejected(string claim, string reason)
    {
        var token = _host.QuiltToken(payload => payload.Remove(claim));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), reason, token);
    }

    [Theory]
    [InlineData("iss", "someone-else", "issuer is not trusted")]
    [InlineData("aud", "another-service", "audience is not accepted")]
    public async Task Token_from_another_issuer_or_for_another_audience_is_rejected(string claim, string value, string reason)
    {
        var token = _host.QuiltToken(payload => payload[claim] = value);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), reason, token);
    }

    [Fact]
    public async Task Oversize_token_is_rejected_before_parsing_and_one_just_under_the_limit_is_not()
    {
        var limit = _host.Options.MaxTokenBytes;
        var (fitting, oversize) = TokensAround(limit);
        Assert.InRange(fitting.Length, limit - 2, limit);
        Assert.InRange(oversize.Length, limit + 1, limit + 3);

        OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(fitting));
        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(oversize), $"larger than {limit} bytes", oversize);
        // Not even a JWT: size is the first check, so garbage of that size gets the size reason, not "malformed".
        var garbage = new string('x', limit + 1);
        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(garbage), "larger than", garbage);
    }

    [Fact]
    public async Task A_key_embedded_in_the_header_is_never_used()
    {
        var header = TestJwt.Header("HS256", ValidatorHost.QuiltKid);
        header["jwk"] = new Dictionary<string, object?>
        {
            ["kty"] = "oct",
            ["k"] = System.Buffers.Text.Base64Url.EncodeToString("attacker-secret-0123456789-abcdefghij"u8),
        };
        header["x5u"] = "https://attacker.example/cert.pem";
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "mallory", _host.Now);
        var token = TestJwt.Encode(header, payload, TestJwt.Hs256("attacker-secret-0123456789-abcdefghij"));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "header parameter 'jwk' is not accepted", token);
    }

    [Fact]
    public async Task A_jku_header_is_refused_even_on_a_genuine_token_and_the_url_is_never_fetched()
    {
        await using var bait = await OidcIssuerServer.StartAsync();
        var header = TestJwt.Header("HS256", ValidatorHost.QuiltKid);
        header["jku"] = bait.UnrelatedUrl;
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "alice", _host.Now);
        var genuine = TestJwt.Encode(header, payload, TestJwt.Hs256(ValidatorHost.QuiltSecret));
        var forged = TestJwt.Encode(header, payload, TestJwt.Hs256("attacker-secret-0123456789-abcdefghij"));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(genuine), "header parameter 'jku' is not accepted", genuine);
        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(forged), "header parameter 'jku' is not accepted", forged);
        Assert.Equal(0, bait.OtherRequests + bait.JwksRequests + bait.DiscoveryRequests);
    }

    [Fact]
    public async Task Critical_header_extensions_are_refused_rather_than_ignored()
    {
        var header = TestJwt.Header("HS256", ValidatorHost.QuiltKid);
        header["crit"] = new[] { "b64" };
        header["b64"] = false;
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "alice", _host.Now);
        var token = TestJwt.Encode(header, payload, TestJwt.Hs256(ValidatorHost.QuiltSecret));

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "crit", token);
    }

    [Fact]
    public async Task Rejections_are_logged_with_their_reason_but_never_the_token_or_a_secret()
    {
        var tokens = new[]
        {
            _host.QuiltToken(),
            _host.QuiltToken(kid: "k-unknown"),
            _host.QuiltToken(secret: "another-secret-of-sufficient-length-0123456789"),
            _host.QuiltToken(payload => payload["iss"] = "evil\"\r\nInjected: header"),
            _host.QuiltToken(payload => payload["scope"] = 42),
        };

        foreach (var token in tokens)
        {
            await _host.Validator.ValidateAsync(token);
        }

        var lines = _host.Logs.Lines();
        Assert.Contains(lines, line => line.Contains("signing key 'k-unknown' is not known", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("claimed issuer 'evil???Injected:?header'", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("claim 'scope' must", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(ValidatorHost.QuiltSecret, line, StringComparison.Ordinal);
            Assert.All(tokens, token => Assert.DoesNotContain(token.Split('.')[2], line, StringComparison.Ordinal));
            Assert.All(tokens, token => Assert.DoesNotContain(token.Split('.')[1], line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var token = _host.QuiltToken(payload => payload["scope"] = "quilt:read");
        var parts = token.Split('.');
        var elevated = TestJwt.Segment(new Dictionary<string, object?>(
            TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "alice", _host.Now))
        {
            ["scope"] = "quilt:admin",
        });
        var tampered = string.Join('.', parts[0], elevated, parts[2]);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(tampered), "signature is invalid", tampered);
    }

    /// <summary>The longest valid token of at most <paramref name="limit"/> characters, and the shortest longer one.</summary>
    private (string Fitting, string Oversize) TokensAround(int limit)
    {
        string? fitting = null;
        var baseline = _host.QuiltToken(payload => payload["pad"] = "").Length;
        // Each 3 payload bytes become 4 base64url characters, so start a little below the limit and step one byte.
        for (var pad = Math.Max(0, (limit - baseline) * 3 / 4 - 6); ; pad++)
        {
            var token = _host.QuiltToken(payload => payload["pad"] = new string('p', pad));
            if (token.Length > limit)
            {
                Assert.NotNull(fitting);
                return (fitting, token);
            }

            fitting = token;
        }
    }
}
