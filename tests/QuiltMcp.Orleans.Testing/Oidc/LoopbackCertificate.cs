using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QuiltMcp.Orleans.Testing.Oidc;

/// <summary>
/// One self-signed server certificate for <c>127.0.0.1</c> and <c>localhost</c>, made when a test run first needs
/// it, and a client-side trust check pinned to exactly that certificate. Test servers (OIDC issuers) serve HTTPS
/// with it, and the code under test keeps requiring HTTPS: only the HttpClient handler it is given trusts this one
/// certificate, nothing else and never "any certificate".
/// </summary>
public static class LoopbackCertificate
{
    private static readonly Lazy<X509Certificate2> Instance = new(Create);

    public static X509Certificate2 Certificate => Instance.Value;

    /// <summary>Makes <paramref name="handler"/> trust the loopback certificate (on top of the name check).</summary>
    public static void Trust(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case HttpClientHandler client:
                client.ServerCertificateCustomValidationCallback = (_, presented, _, errors) => IsTrusted(presented, errors);
                break;
            case SocketsHttpHandler sockets:
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    IsTrusted(presented as X509Certificate2, errors);
                break;
            default:
                throw new ArgumentException($"Cannot configure certificate trust on {handler.GetType().Name}.", nameof(handler));
        }
    }

    /// <summary>A handler that trusts only the loopback certificate (and the system's roots do not matter to it).</summary>
    public static HttpClientHandler CreateTrustingHandler()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        Trust(handler);
        return handler;
    }

    /// <summary>
    /// True when the server presented the loopback certificate under a name it covers. The host name must still
    /// match: a mismatch or a missing certificate is refused whatever the chain says.
    /// </summary>
    public static bool IsTrusted(X509Certificate2? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=QuiltMcp test loopback", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
        // Round-trip through PKCS #12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
