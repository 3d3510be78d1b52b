using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

public static class SiloTlsExtensions
{
    /// <summary>
    /// Binds <c>Cluster:Tls</c> and, when it is enabled, puts mutual TLS with a pinned cluster certificate on every
    /// inbound and outbound silo connection and on gateway connections.
    /// </summary>
    /// <remarks>
    /// Orleans' <c>UseTls</c> wants the certificate while the host is being built, before settings are validated; a bad
    /// certificate would then stop the process with a stack trace. So the same connection middleware
    /// (<c>UseServerTls</c>/<c>UseClientTls</c>, on the same three connection kinds <c>UseTls</c> covers) is added
    /// through the options pattern: the certificate is read when the silo builds its connections, after ValidateOnStart
    /// has checked it and, if it is bad, stopped the process with one line naming the setting.
    /// </remarks>
    public static ISiloBuilder UseClusterTlsWhenEnabled(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(SiloTlsOptions.SectionName);
        silo.Services.AddOptions<SiloTlsOptions>().Bind(section).ValidateOnStart();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IValidateOptions<SiloTlsOptions>, SiloTlsOptionsValidator>();
        if (!section.GetValue<bool>(nameof(SiloTlsOptions.Enabled)))
        {
            return silo;
        }

        silo.Services.AddSingleton<ClusterCertificate>();
        silo.Services.AddSingleton<PinnedPeerCertificateValidator>();
        silo.Services.AddOptions<SiloConnectionOptions>()
            .Configure<ClusterCertificate, PinnedPeerCertificateValidator>((connections, certificate, pinning) =>
            {
                var tls = new TlsOptions
                {
                    LocalCertificate = certificate.Certificate,
                    // Both ends present the cluster certificate and both check the other's: a peer without one is refused.
                    RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
                    ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
                    // Setting a validator makes Orleans skip its own chain check (a self-signed pin would fail it).
                    RemoteCertificateValidation = (peer, _, _) => pinning.Accepts(peer),
                };
                connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(tls));
                connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(tls));
                connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(tls));
            });
        return silo;
    }
}
