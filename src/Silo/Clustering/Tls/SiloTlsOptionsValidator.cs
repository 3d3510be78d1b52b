using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Silo.Clustering.Tls;

/// <summary>
/// Checks <c>Cluster:Tls</c> before the host starts (ValidateOnStart): with TLS on, the certificate must be readable,
/// hold its private key, be valid now, allow both TLS roles (every silo is server and client) and use a key of
/// adequate strength. Messages name the setting and its environment variable, never its value.
/// </summary>
public sealed class SiloTlsOptionsValidator(TimeProvider timeProvider) : IValidateOptions<SiloTlsOptions>
{
    public const string CertificateSetting = "Cluster:Tls:Certificate (Cluster__Tls__Certificate)";
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private const int MinimumRsaKeyBits = 2048;

    public ValidateOptionsResult Validate(string? name, SiloTlsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        for (var i = 0; i < options.AcceptedThumbprints.Count; i++)
        {
            if (CertificateThumbprint.Normalize(options.AcceptedThumbprints[i]) is null)
            {
                failures.Add($"Cluster:Tls:AcceptedThumbprints:{i} is not a SHA-256 thumbprint (64 hex digits, colons allowed).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Certificate))
        {
            failures.Add($"{CertificateSetting} is required when Cluster:Tls:Enabled is true: the cluster certificate and its "
                + "private key, as a base64 PFX or PEM text. Set it, or set Cluster:Tls:Enabled to false.");
        }
        else
        {
            failures.AddRange(CertificateFailures(options.Certificate, options.CertificatePassword));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> CertificateFailures(string value, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = ClusterCertificateReader.Read(value, password);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            // The reader's messages describe the format problem, never the bytes or the password.
            return [$"{CertificateSetting} could not be read as a base64 PFX or as PEM text with a certificate and its private key "
                + $"(check Cluster:Tls:CertificatePassword too): {exception.Message}"];
        }

        using (certificate)
        {
            return Check(certificate).ToList();
        }
    }

    private IEnumerable<string> Check(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            yield return $"{CertificateSetting} holds no private key; a silo proves it belongs to the cluster with the key.";
        }

        var now = timeProvider.GetUtcNow();
        if (certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            yield return $"{CertificateSetting} expired at {Format(certificate.NotAfter)}; make a new one and rotate (docs/operations.md, Silo TLS).";
        }
        else if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            yield return $"{CertificateSetting} is not valid before {Format(certificate.NotBefore)}.";
        }

        if (!AllowsUsage(certificate, ServerAuthenticationOid) || !AllowsUsage(certificate, ClientAuthenticationOid))
        {
            yield return $"{CertificateSetting} has an extended key usage without both serverAuth and clientAuth; every silo is "
                + "both the TLS server and the TLS client of its peers.";
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null && rsa.KeySize < MinimumRsaKeyBits)
        {
            yield return $"{CertificateSetting} has a {rsa.KeySize}-bit RSA key; use {MinimumRsaKeyBits} bits or more (or ECDSA P-256).";
        }
    }

    /// <summary>No extended key usage means any usage, as TLS stacks read it.</summary>
    private static bool AllowsUsage(X509Certificate2 certificate, string oid)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 0 || usages.Any(extension => extension.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == oid));
    }

    private static string Format(DateTime time) => time.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);
}
