using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>
/// Builds compact JWTs byte by byte, so tests can produce exactly the hostile forms a library would refuse to
/// create (alg none, HS256 over an RSA public key, keys embedded in the header, claims of the wrong type).
/// </summary>
public static class TestJwt
{
    public static string Encode(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Segment(header) + "." + Segment(payload);
        var signature = sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static string Segment(IReadOnlyDictionary<string, object?> part) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));

    public static Dictionary<string, object?> Header(string alg, string? kid)
    {
        var header = new Dictionary<string, object?> { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    /// <summary>A payload valid from <paramref name="now"/> for <paramref name="lifetime"/> (default 1 h).</summary>
    public static Dictionary<string, object?> Payload(string issuer, string audience, string subject, DateTimeOffset now, TimeSpan? lifetime = null) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = subject,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
    };

    public static Func<byte[], byte[]> Hs256(string secret) => Hs256(Encoding.UTF8.GetBytes(secret));

    public static Func<byte[], byte[]> Hs256(byte[] key) => data => HMACSHA256.HashData(key, data);

    public static Func<byte[], byte[]> Rs256(RSA rsa) => data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>.NET signs in the IEEE P1363 (r||s) form that JWS ES256 requires.</summary>
    public static Func<byte[], byte[]> Es256(ECDsa ecdsa) => data => ecdsa.SignData(data, HashAlgorithmName.SHA256);

    /// <summary>The payload of a compact JWT, decoded, for assertions on what an issuer wrote.</summary>
    public static JsonElement ReadPayload(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.Clone();

    public static JsonElement ReadHeader(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.Clone();
}
