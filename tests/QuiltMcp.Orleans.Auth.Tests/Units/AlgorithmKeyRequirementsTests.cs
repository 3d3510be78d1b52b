using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>Which key each algorithm needs: RSA of 2048 bits or more for RS*/PS*, the named curve for ES*, a secret for HS*.</summary>
public sealed class AlgorithmKeyRequirementsTests
{
    private static readonly RSA Rsa2048 = RSA.Create(2048);
    private static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsa P521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    [InlineData("PS512")]
    public void RSA_algorithms_take_an_RSA_key_of_2048_bits_or_more(string algorithm)
    {
        Assert.Null(AlgorithmKeyRequirements.Mismatch(new RsaSecurityKey(Rsa2048), algorithm));
        Assert.Null(AlgorithmKeyRequirements.Mismatch(PublicRsa(Modulus(2048)), algorithm));
        Assert.Equal(
            $"it is an RSA key of 2047 bits; {algorithm} needs an RSA key of at least 2048 bits",
            AlgorithmKeyRequirements.Mismatch(PublicRsa(Modulus(2047)), algorithm));
        Assert.Equal(
            $"it is an EC key on P-256; {algorithm} needs an RSA key of at least 2048 bits",
            AlgorithmKeyRequirements.Mismatch(new ECDsaSecurityKey(P256), algorithm));
        Assert.Equal(
            $"it is a shared secret; {algorithm} needs an RSA key of at least 2048 bits",
            AlgorithmKeyRequirements.Mismatch(Secret(), algorithm));
    }

    [Theory]
    [InlineData("ES256", "P-256")]
    [InlineData("ES384", "P-384")]
    [InlineData("ES512", "P-521")]
    public void EC_algorithms_take_a_key_on_their_own_curve_only(string algorithm, string curve)
    {
        ECDsa[] keys = [P256, P384, P521];
        foreach (var key in keys)
        {
            var name = AlgorithmKeyRequirements.CurveName(key);
            var mismatch = AlgorithmKeyRequirements.Mismatch(new ECDsaSecurityKey(key), algorithm);
            Assert.Equal(name == curve ? null : $"it is an EC key on {name}; {algorithm} needs an EC key on {curve}", mismatch);
        }

        Assert.Equal(
            $"it is an RSA key of 2048 bits; {algorithm} needs an EC key on {curve}",
            AlgorithmKeyRequirements.Mismatch(new RsaSecurityKey(Rsa2048), algorithm));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public void HMAC_algorithms_take_a_shared_secret_only(string algorithm)
    {
        Assert.Null(AlgorithmKeyRequirements.Mismatch(Secret(), algorithm));
        Assert.Equal(
            $"it is an RSA key of 2048 bits; {algorithm} needs a shared secret",
            AlgorithmKeyRequirements.Mismatch(new RsaSecurityKey(Rsa2048), algorithm));
        Assert.Equal(
            $"it is an EC key on P-256; {algorithm} needs a shared secret",
            AlgorithmKeyRequirements.Mismatch(new ECDsaSecurityKey(P256), algorithm));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("rs256")]
    [InlineData("EdDSA")]
    [InlineData("ES256K")]
    [InlineData("")]
    public void No_key_fits_an_algorithm_we_do_not_implement(string algorithm)
    {
        SecurityKey[] keys = [new RsaSecurityKey(Rsa2048), new ECDsaSecurityKey(P256), Secret()];
        foreach (var key in keys)
        {
            Assert.Equal(
                $"it is {AlgorithmKeyRequirements.Describe(key)}; {algorithm} needs an algorithm this server implements",
                AlgorithmKeyRequirements.Mismatch(key, algorithm));
        }
    }

    [Fact]
    public void An_algorithm_named_in_a_refusal_is_made_safe_to_print()
    {
        Assert.Equal(
            $"it is a shared secret; {SafeText.Of("RS256\r\nforged")} needs an algorithm this server implements",
            AlgorithmKeyRequirements.Mismatch(Secret(), "RS256\r\nforged"));
        Assert.DoesNotContain("\n", AlgorithmKeyRequirements.Mismatch(Secret(), "RS256\r\nforged"), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_described_by_type_and_size_or_curve()
    {
        Assert.Equal("an RSA key of 2048 bits", AlgorithmKeyRequirements.Describe(new RsaSecurityKey(Rsa2048)));
        Assert.Equal("an EC key on P-384", AlgorithmKeyRequirements.Describe(new ECDsaSecurityKey(P384)));
        Assert.Equal("an EC key on P-521", AlgorithmKeyRequirements.Describe(new ECDsaSecurityKey(P521)));
        Assert.Equal("a shared secret", AlgorithmKeyRequirements.Describe(Secret()));
        Assert.Equal("a JsonWebKey", AlgorithmKeyRequirements.Describe(new JsonWebKey()));
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        Assert.Null(AlgorithmKeyRequirements.CurveName(brainpool));
        Assert.Equal("an EC key on an unsupported curve", AlgorithmKeyRequirements.Describe(new ECDsaSecurityKey(brainpool)));
        Assert.Equal(
            "it is an EC key on an unsupported curve; ES256 needs an EC key on P-256",
            AlgorithmKeyRequirements.Mismatch(new ECDsaSecurityKey(brainpool), "ES256"));
    }

    [Fact]
    public void A_JsonWebKey_is_never_a_fit_even_for_its_own_algorithm()
    {
        Assert.Equal(
            "it is a JsonWebKey; RS256 needs an RSA key of at least 2048 bits",
            AlgorithmKeyRequirements.Mismatch(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Rsa2048)), "RS256"));
    }

    [Theory]
    [InlineData(2048, 0, 2048)]
    [InlineData(2047, 0, 2047)]
    [InlineData(2041, 0, 2041)]
    [InlineData(2048, 3, 2048)]
    [InlineData(4096, 1, 4096)]
    [InlineData(9, 0, 9)]
    [InlineData(8, 0, 8)]
    [InlineData(1, 0, 1)]
    public void RSA_size_counts_from_the_first_set_bit_of_the_modulus(int bits, int leadingZeroBytes, int expected)
    {
        var modulus = new byte[leadingZeroBytes].Concat(Modulus(bits)).ToArray();

        Assert.Equal(expected, AlgorithmKeyRequirements.RsaBits(PublicRsa(modulus)));
    }

    [Fact]
    public void An_RSA_key_without_a_modulus_has_no_bits()
    {
        Assert.Equal(0, AlgorithmKeyRequirements.RsaBits(PublicRsa([])));
        Assert.Equal(0, AlgorithmKeyRequirements.RsaBits(PublicRsa([0, 0])));
        Assert.Equal(3072, AlgorithmKeyRequirements.RsaBits(new RsaSecurityKey(RSA.Create(3072))));
    }

    /// <summary>A modulus of exactly <paramref name="bits"/> bits (its top bit set), as big-endian bytes.</summary>
    private static byte[] Modulus(int bits)
    {
        var bytes = Enumerable.Repeat((byte)0xA5, (bits + 7) / 8).ToArray();
        var topBits = bits % 8 == 0 ? 8 : bits % 8;
        bytes[0] = (byte)(1 << (topBits - 1));
        return bytes;
    }

    /// <summary>An RSA key held as parameters only, as a JWKS key is before it is used: its size comes from the modulus.</summary>
    private static RsaSecurityKey PublicRsa(byte[] modulus) => new(new RSAParameters { Modulus = modulus, Exponent = [1, 0, 1] });

    private static SymmetricSecurityKey Secret() => new(Encoding.UTF8.GetBytes("a shared secret of thirty-two bytes!"));
}
