using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QuiltMcp.Orleans.Testing.Tls;

/// <summary>
/// Short-lived self-signed cluster certificates made in the test (no key material is ever committed), and the two text
/// forms an operator puts in the secret: base64 PFX and PEM.
/// </summary>
public static class TestCertificates
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>An ECDSA P-256 certificate valid from a minute ago for <paramref name="lifetime"/> (an hour by default).</summary>
    /// <param name="usages">Extended key usages; both TLS roles by default, none at all when empty.</param>
    public static X509Certificate2 CreateSelfSigned(
        string commonName = "quilt-mcp-cluster",
        TimeSpan? lifetime = null,
        DateTimeOffset? notBefore = null,
        string[]? usages = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        return Sign(request, lifetime, notBefore, usages);
    }

    /// <summary>An RSA certificate of the given key size, for the key-strength rule.</summary>
    public static X509Certificate2 CreateSelfSignedRsa(int keyBits, string commonName = "quilt-mcp-cluster")
    {
        using var key = RSA.Create(keyBits);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Sign(request, lifetime: null, notBefore: null, usages: null);
    }

    public static string ToBase64Pfx(X509Certificate2 certificate, string? password = null) =>
        Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, password));

    /// <summary>The certificate without its key, as a PFX: what a careless export produces.</summary>
    public static string ToBase64PfxWithoutKey(X509Certificate2 certificate)
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return Convert.ToBase64String(publicOnly.Export(X509ContentType.Pkcs12));
    }

    /// <summary>Certificate and PKCS#8 private key in one PEM text, as <c>cat cert.pem key.pem</c> gives.</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The certificate has no private key.");
        using (key)
        {
            return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem();
        }
    }

    private static X509Certificate2 Sign(CertificateRequest request, TimeSpan? lifetime, DateTimeOffset? notBefore, string[]? usages)
    {
        usages ??= [ServerAuthentication, ClientAuthentication];
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1);
        return request.CreateSelfSigned(from, from + (lifetime ?? TimeSpan.FromHours(1)));
    }
}
