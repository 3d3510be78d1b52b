using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>
/// One JWK at a time: what is imported (public RSA of 2048+ bits with a real exponent, EC on its declared curve,
/// under the JWK's own kid and declared alg) and the reason for everything else.
/// </summary>
public sealed class JwkImporterTests
{
    private static readonly RSAParameters Rsa2048 = RSA.Create(2048).ExportParameters(false);
    private static readonly RSAParameters Rsa1024 = RSA.Create(1024).ExportParameters(false);

    [Fact]
    public void An_RSA_signing_key_is_imported_under_its_kid_with_its_declared_alg()
    {
        var key = Import(RsaJwk(Rsa2048, alg: "RS256"), out var refusal);

        Assert.NotNull(key);
        Assert.Equal("", refusal);
        Assert.Equal("kid-1", key.Kid);
        Assert.Equal("kid-1", key.Key.KeyId);
        Assert.Equal("RS256", key.DeclaredAlgorithm);
        var rsa = Assert.IsType<RsaSecurityKey>(key.Key);
        Assert.Equal(Rsa2048.Modulus, rsa.Parameters.Modulus);
        Assert.Equal(Rsa2048.Exponent, rsa.Parameters.Exponent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sig")]
    public void A_key_without_use_or_for_signatures_is_imported_and_an_empty_alg_declares_nothing(string? use)
    {
        var jwk = RsaJwk(Rsa2048, alg: "");
        jwk.Use = use;

        var key = Import(jwk, out _);

        Assert.NotNull(key);
        Assert.Null(key.DeclaredAlgorithm);
    }

    [Theory]
    [InlineData("enc", "it is not a signing key (use 'enc')")]
    [InlineData("SIG", "it is not a signing key (use 'SIG')")]
    [InlineData("sig\nx", "it is not a signing key (use 'sig?x')")]
    public void A_key_for_another_use_is_refused(string use, string reason)
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.Use = use;

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal(reason, refusal);
    }

    [Theory]
    [InlineData("oct", "symmetric (oct) keys are never trusted from a JWKS")]
    [InlineData("OKP", "key type 'OKP' is not supported")]
    [InlineData("rsa", "key type 'rsa' is not supported")]
    [InlineData("", "key type '' is not supported")]
    public void Key_types_other_than_RSA_and_EC_are_refused(string kty, string reason)
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.Kty = kty;
        jwk.K = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal(reason, refusal);
    }

    [Theory]
    [InlineData(null, "AQAB")]
    [InlineData("", "AQAB")]
    [InlineData("n*t-base64", "AQAB")]
    [InlineData("AAAA", "AQAB")]
    [InlineData("MODULUS", null)]
    [InlineData("MODULUS", "")]
    [InlineData("MODULUS", "AA")]
    [InlineData("MODULUS", "A")]
    public void RSA_parameters_that_are_missing_empty_or_not_base64url_are_refused(string? n, string? e)
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.N = n == "MODULUS" ? jwk.N : n;
        jwk.E = e;

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal("its RSA parameters n and e are missing or not base64url", refusal);
    }

    [Fact]
    public void RSA_keys_under_2048_bits_are_refused_and_leading_zero_bytes_do_not_add_bits()
    {
        Assert.Null(Import(RsaJwk(Rsa1024), out var refusal));
        Assert.Equal("it is an RSA key of 1024 bits; RSA keys need at least 2048 bits", refusal);

        var padded = RsaJwk(Rsa1024);
        padded.N = Base64Url.EncodeToString([.. new byte[128], .. Rsa1024.Modulus!]);
        Assert.Null(Import(padded, out refusal));
        Assert.Equal("it is an RSA key of 1024 bits; RSA keys need at least 2048 bits", refusal);

        var zeroPrefixed = RsaJwk(Rsa2048);
        zeroPrefixed.N = Base64Url.EncodeToString([0, .. Rsa2048.Modulus!]);
        var key = Import(zeroPrefixed, out _);
        Assert.NotNull(key);
        Assert.Equal(Rsa2048.Modulus, ((RsaSecurityKey)key.Key).Parameters.Modulus);
        Assert.Equal(2048, AlgorithmKeyRequirements.RsaBits((RsaSecurityKey)key.Key));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0, 1 })]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 1, 0 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    public void Even_exponents_and_an_exponent_of_one_are_refused(byte[] exponent)
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.E = Base64Url.EncodeToString(exponent);

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal("its RSA public exponent is not usable", refusal);
    }

    [Theory]
    [InlineData(new byte[] { 3 })]
    [InlineData(new byte[] { 1, 0, 1 })]
    [InlineData(new byte[] { 0, 1, 0, 1 })]
    [InlineData(new byte[] { 1, 1 })]
    public void Odd_exponents_above_one_are_imported_without_leading_zeros(byte[] exponent)
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.E = Base64Url.EncodeToString(exponent);

        var key = Import(jwk, out _);

        Assert.NotNull(key);
        Assert.Equal(exponent.AsSpan().TrimStart((byte)0).ToArray(), ((RsaSecurityKey)key.Key).Parameters.Exponent);
    }

    [Theory]
    [InlineData("P-256", "ES256")]
    [InlineData("P-384", "ES384")]
    [InlineData("P-521", "ES512")]
    public void EC_keys_on_the_JOSE_curves_are_imported_on_that_curve(string curve, string alg)
    {
        var key = Import(EcJwk(curve, alg), out var refusal);

        Assert.NotNull(key);
        Assert.Equal("", refusal);
        Assert.Equal(alg, key.DeclaredAlgorithm);
        Assert.Equal(curve, AlgorithmKeyRequirements.CurveName(Assert.IsType<ECDsaSecurityKey>(key.Key).ECDsa));
        Assert.Null(AlgorithmKeyRequirements.Mismatch(key.Key, alg));
    }

    [Theory]
    [InlineData("secp256k1")]
    [InlineData("p-256")]
    [InlineData("")]
    [InlineData(null)]
    public void EC_keys_on_other_curves_are_refused(string? curve)
    {
        var jwk = EcJwk("P-256");
        jwk.Crv = curve;

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal($"EC curve '{curve}' is not supported (P-256, P-384, P-521)", refusal);
    }

    [Theory]
    [InlineData("P-256", 31, 32)]
    [InlineData("P-256", 32, 33)]
    [InlineData("P-256", 48, 48)]
    [InlineData("P-384", 32, 32)]
    [InlineData("P-521", 66, 65)]
    public void EC_coordinates_of_the_wrong_length_are_refused(string curve, int xBytes, int yBytes)
    {
        var jwk = EcJwk(curve);
        jwk.X = Base64Url.EncodeToString(Resize(Base64Url.DecodeFromChars(jwk.X), xBytes));
        jwk.Y = Base64Url.EncodeToString(Resize(Base64Url.DecodeFromChars(jwk.Y), yBytes));

        Assert.Null(Import(jwk, out var refusal));
        var length = curve switch { "P-256" => 32, "P-384" => 48, _ => 66 };
        Assert.Equal($"its coordinates are not {length}-byte base64url values as {curve} requires", refusal);
    }

    [Theory]
    [InlineData(null, "Y")]
    [InlineData("X", null)]
    [InlineData("x*x", "Y")]
    [InlineData("X", "")]
    public void EC_coordinates_that_are_missing_or_not_base64url_are_refused(string? x, string? y)
    {
        var jwk = EcJwk("P-256");
        jwk.X = x == "X" ? jwk.X : x;
        jwk.Y = y == "Y" ? jwk.Y : y;

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal("its coordinates are not 32-byte base64url values as P-256 requires", refusal);
    }

    [Fact]
    public void An_EC_point_off_its_curve_is_refused()
    {
        var jwk = EcJwk("P-256");
        var y = Base64Url.DecodeFromChars(jwk.Y);
        y[^1] ^= 1;
        jwk.Y = Base64Url.EncodeToString(y);

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal("its point is not on P-256", refusal);
    }

    public static TheoryData<string, string> InconsistentDeclarations() => new()
    {
        { "RSA:ES256", "it declares alg 'ES256' but it is an RSA key of 2048 bits; ES256 needs an EC key on P-256" },
        { "RSA:HS256", "it declares alg 'HS256' but it is an RSA key of 2048 bits; HS256 needs a shared secret" },
        { "RSA:none", "it declares alg 'none' but it is an RSA key of 2048 bits; none needs an algorithm this server implements" },
        { "P-256:ES384", "it declares alg 'ES384' but it is an EC key on P-256; ES384 needs an EC key on P-384" },
        { "P-384:RS256", "it declares alg 'RS256' but it is an EC key on P-384; RS256 needs an RSA key of at least 2048 bits" },
    };

    [Theory]
    [MemberData(nameof(InconsistentDeclarations))]
    public void A_key_declaring_an_alg_it_cannot_serve_is_refused(string keyAndAlg, string reason)
    {
        var (key, alg) = (keyAndAlg.Split(':')[0], keyAndAlg.Split(':')[1]);
        var jwk = key == "RSA" ? RsaJwk(Rsa2048, alg) : EcJwk(key, alg);

        Assert.Null(Import(jwk, out var refusal));
        Assert.Equal(reason, refusal);
    }

    [Fact]
    public void The_key_is_built_from_n_and_e_even_when_a_certificate_sits_next_to_them()
    {
        var jwk = RsaJwk(Rsa2048);
        jwk.X5c.Add("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");

        var key = Import(jwk, out _);

        Assert.NotNull(key);
        Assert.Equal(Rsa2048.Modulus, ((RsaSecurityKey)key.Key).Parameters.Modulus);
    }

    private static JwksSigningKey? Import(JsonWebKey jwk, out string refusal) => JwkImporter.TryImport(jwk, out refusal);

    private static JsonWebKey RsaJwk(RSAParameters parameters, string? alg = null) => new()
    {
        Kty = "RSA",
        Kid = "kid-1",
        Use = "sig",
        Alg = alg,
        N = Base64Url.EncodeToString(parameters.Modulus),
        E = Base64Url.EncodeToString(parameters.Exponent),
    };

    private static JsonWebKey EcJwk(string curve, string? alg = null)
    {
        using var ecdsa = ECDsa.Create(curve switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        });
        var parameters = ecdsa.ExportParameters(false);
        return new JsonWebKey
        {
            Kty = "EC",
            Kid = "kid-1",
            Use = "sig",
            Alg = alg,
            Crv = curve,
            X = Base64Url.EncodeToString(parameters.Q.X),
            Y = Base64Url.EncodeToString(parameters.Q.Y),
        };
    }

    private static byte[] Resize(byte[] bytes, int length)
    {
        var resized = new byte[length];
        bytes.AsSpan(0, Math.Min(length, bytes.Length)).CopyTo(resized);
        return resized;
    }
}
