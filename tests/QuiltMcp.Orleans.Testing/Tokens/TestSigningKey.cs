using System.Buffers.Text;
using System.Security.Cryptography;

namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>
/// An asymmetric key pair of a test OIDC issuer: signs tokens, publishes its public half as a JWK (the token tests and
/// the token validation benchmark sign with it).
/// </summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private TestSigningKey(string kid, string alg, RSA? rsa, ECDsa? ecdsa)
    {
        Kid = kid;
        Alg = alg;
        _rsa = rsa;
        _ecdsa = ecdsa;
    }

    public string Kid { get; }

    public string Alg { get; }

    public static TestSigningKey Rsa(string kid) => new(kid, "RS256", RSA.Create(2048), null);

    public static TestSigningKey EcP256(string kid) => new(kid, "ES256", null, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public Func<byte[], byte[]> Signer => _rsa is not null ? TestJwt.Rs256(_rsa) : TestJwt.Es256(_ecdsa!);

    public RSA RsaKey => _rsa ?? throw new InvalidOperationException("not an RSA key");

    public string Sign(IReadOnlyDictionary<string, object?> payload, string? kid = null) =>
        TestJwt.Encode(TestJwt.Header(Alg, kid ?? Kid), payload, Signer);

    public Dictionary<string, object?> ToJwk(bool includeAlg = true)
    {
        var jwk = new Dictionary<string, object?> { ["kid"] = Kid, ["use"] = "sig" };
        if (includeAlg)
        {
            jwk["alg"] = Alg;
        }

        if (_rsa is not null)
        {
            var parameters = _rsa.ExportParameters(false);
            jwk["kty"] = "RSA";
            jwk["n"] = Base64Url.EncodeToString(parameters.Modulus);
            jwk["e"] = Base64Url.EncodeToString(parameters.Exponent);
        }
        else
        {
            var parameters = _ecdsa!.ExportParameters(false);
            jwk["kty"] = "EC";
            jwk["crv"] = "P-256";
            jwk["x"] = Base64Url.EncodeToString(parameters.Q.X);
            jwk["y"] = Base64Url.EncodeToString(parameters.Q.Y);
        }

        return jwk;
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }
}
