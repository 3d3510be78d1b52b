using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Turns one JWK of an issuer's JWKS into a key this server will verify with, or says why it will not: only public
/// signature keys with a kid, RSA of at least 2048 bits with a sane exponent, EC on P-256, P-384 or P-521 with a
/// point on that curve, and a declared <c>alg</c> (if any) the key can actually serve.
/// </summary>
/// <remarks>
/// The key is built from the JWK's own parameters (<c>n</c>/<c>e</c>, <c>crv</c>/<c>x</c>/<c>y</c>), never from
/// an <c>x5c</c> certificate next to them: the key that is checked here is the key that verifies.
/// </remarks>
internal static class JwkImporter
{
    /// <returns>The key, or null with the reason (no key material in it) when the JWK is not used.</returns>
    public static JwksSigningKey? TryImport(JsonWebKey jwk, out string refusal)
    {
        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)
        {
            refusal = $"it is not a signing key (use '{SafeText.Of(jwk.Use)}')";
            return null;
        }

        AsymmetricSecurityKey? key = jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => ImportRsa(jwk, out refusal),
            JsonWebAlgorithmsKeyTypes.EllipticCurve => ImportEc(jwk, out refusal),
            JsonWebAlgorithmsKeyTypes.Octet => Refuse("symmetric (oct) keys are never trusted from a JWKS", out refusal),
            _ => Refuse($"key type '{SafeText.Of(jwk.Kty)}' is not supported", out refusal),
        };
        if (key is null)
        {
            return null;
        }

        key.KeyId = jwk.Kid;
        var declared = string.IsNullOrEmpty(jwk.Alg) ? null : jwk.Alg;
        if (declared is not null && AlgorithmKeyRequirements.Mismatch(key, declared) is { } mismatch)
        {
            refusal = $"it declares alg '{SafeText.Of(declared)}' but {mismatch}";
            return null;
        }

        return new JwksSigningKey(jwk.Kid, declared, key);
    }

    private static RsaSecurityKey? ImportRsa(JsonWebKey jwk, out string refusal)
    {
        var modulus = Decode(jwk.N)?.AsSpan().TrimStart((byte)0).ToArray();
        var exponent = Decode(jwk.E)?.AsSpan().TrimStart((byte)0).ToArray();
        if (modulus is not { Length: > 0 } || exponent is not { Length: > 0 })
        {
            return Refuse<RsaSecurityKey>("its RSA parameters n and e are missing or not base64url", out refusal);
        }

        var key = new RsaSecurityKey(new RSAParameters { Modulus = modulus, Exponent = exponent });
        var bits = AlgorithmKeyRequirements.RsaBits(key);
        if (bits < AlgorithmKeyRequirements.MinimumRsaBits)
        {
            return Refuse<RsaSecurityKey>(
                $"it is an RSA key of {bits} bits; RSA keys need at least {AlgorithmKeyRequirements.MinimumRsaBits} bits", out refusal);
        }

        // An even exponent is not RSA, and e = 1 makes every "signature" its own message.
        if ((exponent[^1] & 1) == 0 || exponent is [1])
        {
            return Refuse<RsaSecurityKey>("its RSA public exponent is not usable", out refusal);
        }

        refusal = "";
        return key;
    }

    private static ECDsaSecurityKey? ImportEc(JsonWebKey jwk, out string refusal)
    {
        var (curve, coordinateBytes) = jwk.Crv switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        if (coordinateBytes == 0)
        {
            return Refuse<ECDsaSecurityKey>($"EC curve '{SafeText.Of(jwk.Crv)}' is not supported (P-256, P-384, P-521)", out refusal);
        }

        var x = Decode(jwk.X);
        var y = Decode(jwk.Y);
        if (x?.Length != coordinateBytes || y?.Length != coordinateBytes)
        {
            return Refuse<ECDsaSecurityKey>($"its coordinates are not {coordinateBytes}-byte base64url values as {jwk.Crv} requires", out refusal);
        }

        try
        {
            // Importing checks the point is on the curve; a point that is not would make verification meaningless.
            var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
            refusal = "";
            return new ECDsaSecurityKey(ecdsa);
        }
        catch (CryptographicException)
        {
            return Refuse<ECDsaSecurityKey>($"its point is not on {jwk.Crv}", out refusal);
        }
    }

    private static byte[]? Decode(string? value)
    {
        // What IsValid accepts always decodes, so no FormatException can follow.
        return string.IsNullOrEmpty(value) || !Base64Url.IsValid(value) ? null : Base64Url.DecodeFromChars(value);
    }

    private static AsymmetricSecurityKey? Refuse(string reason, out string refusal) => Refuse<AsymmetricSecurityKey>(reason, out refusal);

    private static T? Refuse<T>(string reason, out string refusal) where T : class
    {
        refusal = reason;
        return null;
    }
}
