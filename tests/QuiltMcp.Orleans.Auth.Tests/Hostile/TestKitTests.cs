using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Auth.Tests.Hostile;

/// <summary>
/// The shared test kit itself: the loopback certificate trust is pinned (not "accept anything"), and the jose signer
/// reports what it refuses instead of handing back a token that would make a hostile case pass for the wrong reason.
/// </summary>
public sealed class TestKitTests(JoseTokenFixture fixture) : IClassFixture<JoseTokenFixture>
{
    [Fact]
    public void Loopback_trust_accepts_only_the_loopback_certificate_under_a_name_it_covers()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=QuiltMcp test loopback", key, HashAlgorithmName.SHA256);
        using var impostor = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        Assert.True(LoopbackCertificate.IsTrusted(LoopbackCertificate.Certificate, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(LoopbackCertificate.IsTrusted(impostor, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(LoopbackCertificate.IsTrusted(LoopbackCertificate.Certificate, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(LoopbackCertificate.IsTrusted(null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public async Task Jose_refuses_what_it_must_and_the_signer_keeps_serving()
    {
        var weak = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Jose.SignAsync("RS256", "rsa-1024", new JsonObject { ["sub"] = "x" }));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Jose.SignAsync("RS256", "never-generated", new JsonObject()));

        Assert.Contains("2048 bits or larger", weak.Message, StringComparison.Ordinal);
        Assert.Contains("no key with kid 'never-generated'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await fixture.Jose.SignAsync("ES256", "ec-p256", new JsonObject { ["sub"] = "x" })).Split('.').Length);
    }

    [Fact]
    public async Task The_published_JWKS_holds_only_public_halves()
    {
        var jwks = await fixture.Jose.JwksAsync(JoseTokenFixture.PublishedOidcKids);

        var keys = jwks["keys"]!.AsArray().OfType<JsonObject>().ToArray();
        Assert.Equal(JoseTokenFixture.PublishedOidcKids, keys.Select(key => key["kid"]!.GetValue<string>()));
        Assert.All(keys, key => Assert.False(key.ContainsKey("d"), "a private exponent was published"));
        Assert.All(keys, key => Assert.Equal("sig", key["use"]!.GetValue<string>()));
    }
}
