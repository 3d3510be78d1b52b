using System.Security.Cryptography.X509Certificates;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>Reads the cluster certificate from the text an environment variable can carry: PEM, or a base64 PFX.</summary>
public static class ClusterCertificateReader
{
    private const string PemMarker = "-----BEGIN";

    /// <exception cref="FormatException">The value is neither PEM nor base64.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The certificate or key cannot be read (damaged, wrong password, key missing).</exception>
    public static X509Certificate2 Read(string value, string? password)
    {
        if (value.Contains(PemMarker, StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPem(value, value)
                : X509Certificate2.CreateFromEncryptedPem(value, value, password);
        }

        // Ephemeral: the key lives in this process only and is never written to a key store on disk.
        return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(value), password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
