using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The Quilt catalog: HS256 only, shared secrets selected by <c>kid</c>.</summary>
internal sealed class QuiltTrustedIssuer : TrustedIssuer
{
    private readonly Dictionary<string, SecurityKey> _keysByKid;
    private readonly string _audience;

    public QuiltTrustedIssuer(QuiltTokenOptions options)
        : base(options.Issuer, [SecurityAlgorithms.HmacSha256])
    {
        _audience = options.Audience;
        _keysByKid = options.EffectiveKeys.ToDictionary(
            key => key.Kid,
            key => (SecurityKey)key.ToSecurityKey(),
            StringComparer.Ordinal);
    }

    public override TokenIssuerKind Kind => TokenIssuerKind.Quilt;

    public override ValueTask<SigningKeyLookup> FindSigningKeysAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var kid = token.Kid;
        if (string.IsNullOrEmpty(kid))
        {
            // Without a kid there is no ambiguity only when a single key is configured: then that one key is offered.
            return ValueTask.FromResult(_keysByKid.Count == 1
                ? SigningKeyLookup.Found([.. _keysByKid.Values])
                : SigningKeyLookup.NotFound("token has no kid and several Quilt signing keys are configured"));
        }

        return ValueTask.FromResult(_keysByKid.TryGetValue(kid, out var key)
            ? SigningKeyLookup.Found([key])
            : SigningKeyLookup.NotFound($"signing key '{SafeText.Of(kid)}' is not known"));
    }

    public override void ConfigureAudience(TokenValidationParameters parameters)
    {
        parameters.ValidateAudience = true;
        parameters.ValidAudience = _audience;
    }
}
