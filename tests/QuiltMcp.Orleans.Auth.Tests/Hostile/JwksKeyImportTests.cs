using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests.Hostile;

/// <summary>
/// What an issuer's JWKS may publish: weak, malformed or inconsistent keys are dropped when the JWKS is loaded,
/// logged by kid and reason (never key material), and a token naming one is refused with that reason. The same
/// key rules hold again at verification, whatever the key's source.
/// </summary>
public sealed class JwksKeyImportTests(JoseTokenFixture fixture) : IClassFixture<JoseTokenFixture>, IAsyncLifetime
{
    private const string Audience = "import-audience";

    private OidcIssuerServer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await OidcIssuerServer.StartAsync("/import");

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    public static TheoryData<string, string> BrokenKeys => new()
    {
        { "ec-off-curve", "its point is not on P-256" },
        { "ec-short-coordinate", "its coordinates are not 32-byte base64url values as P-256 requires" },
        { "ec-secp256k1", "EC curve 'secp256k1' is not supported (P-256, P-384, P-521)" },
        { "rsa-even-exponent", "its RSA public exponent is not usable" },
        { "rsa-exponent-one", "its RSA public exponent is not usable" },
        { "rsa-without-modulus", "its RSA parameters n and e are missing or not base64url" },
        { "rsa-1024", "it is an RSA key of 1024 bits; RSA keys need at least 2048 bits" },
        { "p384-declaring-es256", "it declares alg 'ES256' but it is an EC key on P-384; ES256 needs an EC key on P-256" },
        { "rsa-declaring-es256", "it declares alg 'ES256' but it is an RSA key of 2048 bits; ES256 needs an EC key on P-256" },
        { "rsa-for-encryption", "it is not a signing key (use 'enc')" },
        { "okp-ed25519", "key type 'OKP' is not supported" },
    };

    [Theory]
    [MemberData(nameof(BrokenKeys))]
    public async Task A_broken_or_weak_published_key_is_dropped_at_load_logged_and_named_in_the_refusal(string kid, string why)
    {
        var jwks = await PublishBrokenKeysAsync();
        using var host = ValidatorHost.Create(ValidatorHost.OidcSettings(_issuer.Issuer, Audience));
        var token = await fixture.Jose.SignAsync(new JoseSignRequest
        {
            Header = new JsonObject { ["alg"] = kid.StartsWith("ec-", StringComparison.Ordinal) ? "ES256" : "RS256", ["kid"] = kid },
            Payload = Payload(host),
            Kid = kid.StartsWith("ec-", StringComparison.Ordinal) ? "ec-p256" : "rsa-2048",
        });

        OutcomeAssert.RejectedExactly(await host.Validator.ValidateAsync(token), $"signing key '{kid}' is refused: {why}", token);

        Assert.Contains(host.Logs.Lines(), line => line.Contains($"Signing key '{kid}' of OIDC issuer {_issuer.Issuer} is not used: {why}", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines(), line => line.Contains($"Signing key '' of OIDC issuer {_issuer.Issuer} is not used: it has no kid", StringComparison.Ordinal));
        AssertNoKeyMaterialLogged(host, jwks);
        // A refused kid is known: it does not send the server back to the issuer.
        Assert.Equal(1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task The_good_key_next_to_broken_ones_still_verifies_and_only_it_is_counted()
    {
        await PublishBrokenKeysAsync();
        using var host = ValidatorHost.Create(ValidatorHost.OidcSettings(_issuer.Issuer, Audience));
        var token = await fixture.Jose.SignAsync("RS256", "rsa-2048", Payload(host));

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));

        Assert.Contains(host.Logs.Lines(), line => line.Contains($"Fetched 1 signing keys of OIDC issuer {_issuer.Issuer}", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> VerificationMismatches => new()
    {
        { "rsa-1024", "RS256", "it is an RSA key of 1024 bits; RS256 needs an RSA key of at least 2048 bits" },
        { "rsa-2048", "ES256", "it is an RSA key of 2048 bits; ES256 needs an EC key on P-256" },
        { "p-256", "ES384", "it is an EC key on P-256; ES384 needs an EC key on P-384" },
        { "p-384", "ES256", "it is an EC key on P-384; ES256 needs an EC key on P-256" },
        { "p-521", "ES384", "it is an EC key on P-521; ES384 needs an EC key on P-384" },
        { "p-384", "RS256", "it is an EC key on P-384; RS256 needs an RSA key of at least 2048 bits" },
        { "secret", "RS256", "it is a shared secret; RS256 needs an RSA key of at least 2048 bits" },
        { "rsa-2048", "HS256", "it is an RSA key of 2048 bits; HS256 needs a shared secret" },
        { "rsa-2048", "none", "it is an RSA key of 2048 bits; none needs an algorithm this server implements" },
    };

    [Theory]
    [MemberData(nameof(VerificationMismatches))]
    public void At_verification_a_key_must_fit_the_algorithm_whatever_its_source(string key, string algorithm, string mismatch)
    {
        Assert.Equal(mismatch, AlgorithmKeyRequirements.Mismatch(CreateKey(key), algorithm));
    }

    [Theory]
    [InlineData("rsa-2048", "RS256")]
    [InlineData("rsa-2048", "PS512")]
    [InlineData("p-256", "ES256")]
    [InlineData("p-384", "ES384")]
    [InlineData("p-521", "ES512")]
    [InlineData("secret", "HS256")]
    public void At_verification_a_key_that_fits_passes(string key, string algorithm)
    {
        Assert.Null(AlgorithmKeyRequirements.Mismatch(CreateKey(key), algorithm));
    }

    private static SecurityKey CreateKey(string name) => name switch
    {
        "rsa-1024" => new RsaSecurityKey(RSA.Create(1024)),
        "rsa-2048" => new RsaSecurityKey(RSA.Create(2048).ExportParameters(false)),
        "p-256" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        "p-384" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        "p-521" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)),
        _ => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>One good RSA key and a set of broken ones made from real jose keys; returns what was published.</summary>
    private async Task<JsonObject> PublishBrokenKeysAsync()
    {
        var good = await fixture.Jose.JwksAsync("rsa-2048", "ec-p256", "rsa-1024", "ec-p384");
        var rsa = (JsonObject)good["keys"]![0]!;
        var ec = (JsonObject)good["keys"]![1]!;
        var weak = (JsonObject)good["keys"]![2]!;
        var p384 = (JsonObject)good["keys"]![3]!;
        var keys = new JsonArray(
            rsa.DeepClone(),
            Edit(ec, "ec-off-curve", jwk => jwk["y"] = jwk["x"]!.DeepClone()),
            Edit(ec, "ec-short-coordinate", jwk => jwk["x"] = jwk["x"]!.GetValue<string>()[..42]),
            Edit(ec, "ec-secp256k1", jwk => jwk["crv"] = "secp256k1"),
            Edit(rsa, "rsa-even-exponent", jwk => jwk["e"] = "AQAA"),
            Edit(rsa, "rsa-exponent-one", jwk => jwk["e"] = "AQ"),
            Edit(rsa, "rsa-without-modulus", jwk => jwk.Remove("n")),
            Edit(weak, "rsa-1024", _ => { }),
            Edit(p384, "p384-declaring-es256", jwk => jwk["alg"] = "ES256"),
            Edit(rsa, "rsa-declaring-es256", jwk => jwk["alg"] = "ES256"),
            Edit(rsa, "rsa-for-encryption", jwk => jwk["use"] = "enc"),
            new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["kid"] = "okp-ed25519", ["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
            Edit(rsa, "", jwk => jwk.Remove("kid")));
        var jwks = new JsonObject { ["keys"] = keys };
        _issuer.Publish(jwks);
        return jwks;
    }

    private static JsonObject Edit(JsonObject jwk, string kid, Action<JsonObject> change)
    {
        var copy = (JsonObject)jwk.DeepClone();
        copy["kid"] = kid;
        change(copy);
        return copy;
    }

    private static void AssertNoKeyMaterialLogged(ValidatorHost host, JsonObject jwks)
    {
        var material = jwks["keys"]!.AsArray().OfType<JsonObject>()
            .SelectMany(jwk => new[] { "n", "x", "y" }.Select(name => jwk[name]?.GetValue<string>()))
            .OfType<string>()
            .Where(value => value.Length >= 16)
            .Select(value => value[..16])
            .ToArray();
        Assert.NotEmpty(material);
        Assert.All(host.Logs.Lines(), line => Assert.All(material, value => Assert.DoesNotContain(value, line, StringComparison.Ordinal)));
    }

    private JsonObject Payload(ValidatorHost host) => new()
    {
        ["iss"] = _issuer.Issuer,
        ["aud"] = Audience,
        ["sub"] = "alice",
        ["iat"] = host.Now.ToUnixTimeSeconds(),
        ["exp"] = host.Now.AddHours(1).ToUnixTimeSeconds(),
    };
}
