namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>How <see cref="JoseSigner.ExportPublicKeyAsync"/> encodes a public key (the byte forms an attacker tries as an HMAC secret).</summary>
public enum JosePublicKeyFormat
{
    /// <summary>SubjectPublicKeyInfo in PEM text.</summary>
    Pem,

    /// <summary>SubjectPublicKeyInfo, DER.</summary>
    Spki,

    /// <summary>RSAPublicKey (PKCS #1), DER; RSA keys only.</summary>
    Pkcs1,

    /// <summary>The public JWK as JSON text.</summary>
    Jwk,
}
