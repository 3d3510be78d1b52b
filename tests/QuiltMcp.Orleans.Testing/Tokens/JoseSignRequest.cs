using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>
/// One token for <see cref="JoseSigner.SignAsync"/>: header and payload as JSON objects, or as exact text (to send
/// duplicate keys or other JSON a serializer would never write), and the key: a key made by the signer
/// (<see cref="Kid"/>), an HMAC secret given as bytes (<see cref="Secret"/>), or none (an unsigned token, empty
/// signature; only with <see cref="UseNodeCrypto"/>).
/// </summary>
public sealed record JoseSignRequest
{
    public JsonObject? Header { get; init; }

    /// <summary>The protected header exactly as sent; only with <see cref="UseNodeCrypto"/>.</summary>
    public string? HeaderText { get; init; }

    public JsonObject? Payload { get; init; }

    /// <summary>The payload exactly as signed (its UTF-8 bytes), instead of <see cref="Payload"/>.</summary>
    public string? PayloadText { get; init; }

    /// <summary>A key made by <see cref="JoseSigner"/> (RSA, EC or a registered secret); not the header's kid.</summary>
    public string? Kid { get; init; }

    /// <summary>HMAC key bytes, e.g. an RSA public key's PEM for an algorithm-confusion token.</summary>
    public byte[]? Secret { get; init; }

    /// <summary>
    /// Sign with Node's crypto primitives instead of jose: for tokens jose refuses to make (RSA under 2048 bits,
    /// a curve the algorithm does not name, <c>alg</c> "none" in any spelling, unknown <c>crit</c>, header text).
    /// </summary>
    public bool UseNodeCrypto { get; init; }

    /// <summary>With <see cref="UseNodeCrypto"/>: the primitive to sign with when the header's alg names another.</summary>
    public string? SignAs { get; init; }

    /// <summary>With <see cref="UseNodeCrypto"/>: put the payload in the token unencoded (RFC 7797 <c>b64: false</c>).</summary>
    public bool UnencodedPayload { get; init; }
}
