using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>
/// This silo's certificate, read once from the validated <c>Cluster:Tls</c> settings, and the thumbprints of the peer
/// certificates it accepts: its own, plus any listed for a rotation.
/// </summary>
public sealed class ClusterCertificate : IDisposable
{
    public ClusterCertificate(IOptions<SiloTlsOptions> options)
    {
        var settings = options.Value;
        Certificate = ClusterCertificateReader.Read(settings.Certificate!, settings.CertificatePassword);
        AcceptedThumbprints = settings.AcceptedThumbprints
            .Select(CertificateThumbprint.Normalize)
            .OfType<string>()
            .Append(CertificateThumbprint.Of(Certificate))
            .ToHashSet(StringComparer.Ordinal);
    }

    public X509Certificate2 Certificate { get; }

    public IReadOnlySet<string> AcceptedThumbprints { get; }

    public void Dispose() => Certificate.Dispose();
}
