using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>
/// SHA-256 thumbprints in one spelling: upper-case hex without separators. <see cref="X509Certificate2.Thumbprint"/> is
/// SHA-1, too weak to pin a certificate by; openssl prints SHA-256 fingerprints with colons, which are accepted too.
/// </summary>
public static class CertificateThumbprint
{
    private const int HexDigits = 64;

    public static string Of(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>The thumbprint in canonical form, or null when <paramref name="value"/> is not 64 hex digits (colons and spaces aside).</summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = new string(value.Where(character => character is not (':' or ' ')).ToArray()).ToUpperInvariant();
        return digits.Length == HexDigits && digits.All(Uri.IsHexDigit) ? digits : null;
    }
}
