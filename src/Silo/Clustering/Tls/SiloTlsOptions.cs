namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>
/// The <c>Cluster:Tls</c> section: mutual TLS on every silo connection (silo-to-silo, and gateway connections should a
/// gateway ever be opened). Principal grains hand assumed-role credentials to the front end of whichever task served
/// the request, so silo traffic carries secrets between tasks.
/// </summary>
public sealed class SiloTlsOptions
{
    public const string SectionName = "Cluster:Tls";

    /// <summary>Off in the embedded default (one localhost silo, nothing crosses a network); the IaC turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The cluster certificate with its private key: a base64 PKCS#12 (PFX) file, or PEM text holding the certificate
    /// and its key. Every silo of the cluster presents this certificate and accepts only peers presenting it (or one
    /// listed in <see cref="AcceptedThumbprints"/>). Env: <c>Cluster__Tls__Certificate</c>, injected from Secrets Manager.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>The PFX password, or the password of an encrypted PEM key; empty when the key is not encrypted.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// SHA-256 thumbprints of further peer certificates to accept, for rotation: while tasks with the old and the new
    /// certificate run side by side, each side lists the other's thumbprint here.
    /// </summary>
    public List<string> AcceptedThumbprints { get; set; } = [];
}
