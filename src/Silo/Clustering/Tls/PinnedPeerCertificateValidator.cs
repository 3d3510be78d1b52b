using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>
/// Decides whether the certificate a peer silo presented makes it a member of this cluster: its SHA-256 thumbprint must
/// be one this silo accepts, and it must be valid now. Chain and host-name errors are deliberately ignored: the cluster
/// certificate is self-signed, silos are reached by IP address, and the pin is a stronger check than either (a CA
/// would admit every certificate it ever issued, for any environment). The handshake itself proves the peer holds the
/// matching private key.
/// </summary>
public sealed partial class PinnedPeerCertificateValidator(
    ClusterCertificate clusterCertificate,
    TimeProvider timeProvider,
    ILogger<PinnedPeerCertificateValidator> logger)
{
    public bool Accepts(X509Certificate2 peer)
    {
        var thumbprint = CertificateThumbprint.Of(peer);
        if (!clusterCertificate.AcceptedThumbprints.Contains(thumbprint))
        {
            LogRefused(logger, thumbprint, peer.Subject, "it is not the cluster certificate (Cluster:Tls:Certificate) or one listed in Cluster:Tls:AcceptedThumbprints");
            return false;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (peer.NotAfter.ToUniversalTime() <= now || peer.NotBefore.ToUniversalTime() > now)
        {
            LogRefused(logger, thumbprint, peer.Subject, "it is outside its validity period");
            return false;
        }

        return true;
    }

    // A thumbprint and subject identify a certificate without revealing anything secret about it.
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Refused a silo connection: the peer's certificate {Thumbprint} ({Subject}) is not accepted: {Reason}")]
    private static partial void LogRefused(ILogger logger, string thumbprint, string subject, string reason);
}
