using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Silo.Clustering.Tls;

namespace QuiltMcp.Orleans.Clustering.Tests.Tls;

/// <summary>Cluster:Tls as an operator gets it wrong, and the pin that decides which peers belong to the cluster.</summary>
public sealed class SiloTlsSettingsTests : IDisposable
{
    private readonly X509Certificate2 _certificate = TestCertificates.CreateSelfSigned();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public void The_embedded_default_has_tls_off_and_needs_no_certificate()
    {
        var defaults = new SiloTlsOptions();

        Assert.False(defaults.Enabled);
        Assert.True(Validate(defaults).Succeeded);
    }

    [Fact]
    public void Tls_on_without_a_certificate_is_refused_naming_the_setting_its_variable_and_the_way_out()
    {
        var failure = Assert.Single(Validate(new SiloTlsOptions { Enabled = true }).Failures!);

        Assert.StartsWith("Cluster:Tls:Certificate (Cluster__Tls__Certificate) is required when Cluster:Tls:Enabled is true", failure);
        Assert.Contains("set Cluster:Tls:Enabled to false", failure);
    }

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("AAECAwQFBgcICQ==")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----")]
    public void An_unreadable_certificate_is_refused_without_echoing_it(string value)
    {
        var failure = Assert.Single(Validate(new SiloTlsOptions { Enabled = true, Certificate = value }).Failures!);

        Assert.StartsWith("Cluster:Tls:Certificate (Cluster__Tls__Certificate) could not be read as a base64 PFX or as PEM text", failure);
        Assert.DoesNotContain(value, failure);
    }

    [Fact]
    public void A_wrong_pfx_password_is_refused_without_echoing_either_password()
    {
        var options = new SiloTlsOptions
        {
            Enabled = true,
            Certificate = TestCertificates.ToBase64Pfx(_certificate, "right-password"),
            CertificatePassword = "wrong-password",
        };

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Contains("could not be read", failure);
        Assert.Contains("Cluster:Tls:CertificatePassword", failure);
        Assert.DoesNotContain("right-password", failure);
        Assert.DoesNotContain("wrong-password", failure);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        var options = new SiloTlsOptions { Enabled = true, Certificate = TestCertificates.ToBase64PfxWithoutKey(_certificate) };

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Equal("Cluster:Tls:Certificate (Cluster__Tls__Certificate) holds no private key; a silo proves it belongs to the cluster with the key.", failure);
    }

    [Fact]
    public void A_pem_certificate_without_its_key_is_refused_as_unreadable()
    {
        var options = new SiloTlsOptions { Enabled = true, Certificate = _certificate.ExportCertificatePem() };

        Assert.Contains("could not be read", Assert.Single(Validate(options).Failures!));
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_expiry()
    {
        _time.SetUtcNow(_certificate.NotAfter.ToUniversalTime().AddSeconds(1));

        var failure = Assert.Single(Validate(Enabled(TestCertificates.ToBase64Pfx(_certificate))).Failures!);

        Assert.StartsWith("Cluster:Tls:Certificate (Cluster__Tls__Certificate) expired at ", failure);
        Assert.Contains(_certificate.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture), failure);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused()
    {
        using var future = TestCertificates.CreateSelfSigned(notBefore: DateTimeOffset.UtcNow.AddDays(1));

        var failure = Assert.Single(Validate(Enabled(TestCertificates.ToBase64Pfx(future))).Failures!);

        Assert.StartsWith("Cluster:Tls:Certificate (Cluster__Tls__Certificate) is not valid before ", failure);
    }

    [Theory]
    [InlineData(TestCertificates.ServerAuthentication)]
    [InlineData(TestCertificates.ClientAuthentication)]
    public void A_certificate_limited_to_one_tls_role_is_refused(string onlyUsage)
    {
        using var oneRole = TestCertificates.CreateSelfSigned(usages: [onlyUsage]);

        var failure = Assert.Single(Validate(Enabled(TestCertificates.ToBase64Pfx(oneRole))).Failures!);

        Assert.Contains("without both serverAuth and clientAuth", failure);
    }

    [Fact]
    public void A_short_rsa_key_is_refused_and_a_2048_bit_one_accepted()
    {
        using var weak = TestCertificates.CreateSelfSignedRsa(1024);
        using var strong = TestCertificates.CreateSelfSignedRsa(2048);

        var failure = Assert.Single(Validate(Enabled(TestCertificates.ToBase64Pfx(weak))).Failures!);

        Assert.Contains("has a 1024-bit RSA key; use 2048 bits or more", failure);
        Assert.True(Validate(Enabled(TestCertificates.ToBase64Pfx(strong))).Succeeded);
    }

    [Fact]
    public void A_malformed_accepted_thumbprint_is_refused_naming_its_index()
    {
        var options = Enabled(TestCertificates.ToBase64Pfx(_certificate));
        options.AcceptedThumbprints = [CertificateThumbprint.Of(_certificate), "AB:CD"];

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Equal("Cluster:Tls:AcceptedThumbprints:1 is not a SHA-256 thumbprint (64 hex digits, colons allowed).", failure);
    }

    [Fact]
    public void The_three_forms_of_the_secret_give_the_same_certificate_with_its_key()
    {
        string[] forms =
        [
            TestCertificates.ToBase64Pfx(_certificate),
            TestCertificates.ToPem(_certificate),
        ];
        var withPassword = new SiloTlsOptions { Enabled = true, Certificate = TestCertificates.ToBase64Pfx(_certificate, "pfx-password"), CertificatePassword = "pfx-password" };

        foreach (var options in forms.Select(Enabled).Append(withPassword))
        {
            Assert.True(Validate(options).Succeeded);
            using var loaded = new ClusterCertificate(Options.Create(options));
            Assert.True(loaded.Certificate.HasPrivateKey);
            Assert.Equal(CertificateThumbprint.Of(_certificate), CertificateThumbprint.Of(loaded.Certificate));
        }
    }

    [Fact]
    public void The_pin_accepts_the_cluster_certificate_and_listed_thumbprints_in_any_spelling()
    {
        using var next = TestCertificates.CreateSelfSigned("quilt-mcp-cluster-next");
        var openSslSpelling = string.Join(':', CertificateThumbprint.Of(next).Chunk(2).Select(pair => new string(pair))).ToLowerInvariant();
        var options = Enabled(TestCertificates.ToBase64Pfx(_certificate));
        options.AcceptedThumbprints = [openSslSpelling];
        var logger = new FakeLogger<PinnedPeerCertificateValidator>();
        using var cluster = new ClusterCertificate(Options.Create(options));
        var pin = new PinnedPeerCertificateValidator(cluster, _time, logger);

        Assert.True(pin.Accepts(_certificate));
        Assert.True(pin.Accepts(next));
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public void The_pin_refuses_another_certificate_with_the_same_name_and_logs_its_thumbprint()
    {
        using var impostor = TestCertificates.CreateSelfSigned();
        var logger = new FakeLogger<PinnedPeerCertificateValidator>();
        using var cluster = new ClusterCertificate(Options.Create(Enabled(TestCertificates.ToBase64Pfx(_certificate))));
        var pin = new PinnedPeerCertificateValidator(cluster, _time, logger);

        Assert.False(pin.Accepts(impostor));

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(1100, record.Id.Id);
        Assert.Contains(CertificateThumbprint.Of(impostor), record.Message);
        Assert.Contains("not the cluster certificate", record.Message);
    }

    [Fact]
    public void The_pin_refuses_the_cluster_certificate_itself_once_it_has_expired()
    {
        var logger = new FakeLogger<PinnedPeerCertificateValidator>();
        using var cluster = new ClusterCertificate(Options.Create(Enabled(TestCertificates.ToBase64Pfx(_certificate))));
        var pin = new PinnedPeerCertificateValidator(cluster, _time, logger);
        _time.SetUtcNow(_certificate.NotAfter.ToUniversalTime().AddSeconds(1));

        Assert.False(pin.Accepts(_certificate));
        Assert.Contains("outside its validity period", Assert.Single(logger.Collector.GetSnapshot()).Message);
    }

    private ValidateOptionsResult Validate(SiloTlsOptions options) => new SiloTlsOptionsValidator(_time).Validate(null, options);

    private static SiloTlsOptions Enabled(string certificate) => new() { Enabled = true, Certificate = certificate };
}
