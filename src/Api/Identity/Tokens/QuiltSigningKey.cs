using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>One HS256 shared secret of the Quilt catalog, selected by the token's <c>kid</c>.</summary>
public sealed class QuiltSigningKey
{
    public string Kid { get; set; } = QuiltTokenDefaults.KeyId;

    /// <summary>The shared secret; its UTF-8 bytes are the HMAC key (as the catalog signs).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The HMAC key as both the verifier and the development issuer use it, so they cannot encode it differently.</summary>
    public SymmetricSecurityKey ToSecurityKey() => new(Encoding.UTF8.GetBytes(Secret)) { KeyId = Kid };

    /// <summary>Keeps the secret out of logs, debugger displays and exception messages.</summary>
    public override string ToString() => $"QuiltSigningKey {{ Kid = {Kid}, Secret = <redacted> }}";
}
