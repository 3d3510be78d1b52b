using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The key each signature algorithm needs (RFC 7518 §3): RS*/PS* an RSA key of at least 2048 bits, ES256 an EC
/// key on P-256, ES384 on P-384, ES512 on P-521, HS* a shared secret. Checked on the key that will verify, just
/// before verification, whatever the key's source: an EC key on the wrong curve or an RSA key for an EC algorithm
/// must never verify, even if a library would let it.
/// </summary>
internal static class AlgorithmKeyRequirements
{
    /// <summary>RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms."</summary>
    public const int MinimumRsaBits = 2048;

    /// <returns>Null when <paramref name="key"/> fits <paramref name="algorithm"/>; otherwise why not (no key material).</returns>
    public static string? Mismatch(SecurityKey key, string algorithm)
    {
        var fits = (Family(algorithm), key) switch
        {
            ("RSA", RsaSecurityKey rsa) => RsaBits(rsa) >= MinimumRsaBits,
            ("EC", ECDsaSecurityKey ec) => CurveName(ec.ECDsa) == RequiredCurve(algorithm),
            ("HMAC", SymmetricSecurityKey) => true,
            _ => false,
        };
        return fits ? null : $"it is {Describe(key)}; {SafeText.Of(algorithm)} needs {Needs(algorithm)}";
    }

    /// <summary>What the key is, for reasons and logs: its type and size or curve, never its material.</summary>
    public static string Describe(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa => $"an RSA key of {RsaBits(rsa)} bits",
        ECDsaSecurityKey ec => $"an EC key on {CurveName(ec.ECDsa) ?? "an unsupported curve"}",
        SymmetricSecurityKey => "a shared secret",
        _ => $"a {key.GetType().Name}",
    };

    /// <summary>The curve name (P-256, P-384, P-521) of a key on one of the NIST curves JOSE uses, otherwise null.</summary>
    public static string? CurveName(ECDsa key) => key.ExportParameters(false).Curve.Oid.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => null,
    };

    /// <summary>The modulus length in bits, counted from its first set bit (leading zero bytes do not make a key stronger).</summary>
    public static int RsaBits(RsaSecurityKey key) => key.Rsa?.KeySize ?? BitLength(key.Parameters.Modulus);

    private static int BitLength(byte[]? magnitude)
    {
        var bytes = magnitude.AsSpan().TrimStart((byte)0);
        return bytes.IsEmpty ? 0 : ((bytes.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[0]));
    }

    private static string? Family(string algorithm) => algorithm switch
    {
        "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512" => "RSA",
        "ES256" or "ES384" or "ES512" => "EC",
        "HS256" or "HS384" or "HS512" => "HMAC",
        _ => null,
    };

    private static string? RequiredCurve(string algorithm) => algorithm switch
    {
        "ES256" => "P-256",
        "ES384" => "P-384",
        "ES512" => "P-521",
        _ => null,
    };

    private static string Needs(string algorithm) => Family(algorithm) switch
    {
        "RSA" => $"an RSA key of at least {MinimumRsaBits} bits",
        "EC" => $"an EC key on {RequiredCurve(algorithm)}",
        "HMAC" => "a shared secret",
        _ => "an algorithm this server implements",
    };
}
