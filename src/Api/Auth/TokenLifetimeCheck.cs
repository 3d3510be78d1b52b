using Microsoft.IdentityModel.JsonWebTokens;

namespace QuiltMcp.Orleans.Api.Auth;

/// <summary>
/// <c>exp</c> (required) and <c>nbf</c> with clock skew, against our <see cref="TimeProvider"/>. Done here rather
/// than by Microsoft.IdentityModel because its time source is not settable in 8.x (the property is internal), and
/// one clock for lifetimes and the JWKS cache keeps tests deterministic.
/// </summary>
internal static class TokenLifetimeCheck
{
    public const string NoExpiry = "token has no expiry (exp)";
    public const string Expired = "token has expired";
    public const string NotYetValid = "token is not yet valid";

    /// <returns>Null when the token is within its lifetime, otherwise the reason.</returns>
    public static string? Check(JsonWebToken token, DateTimeOffset now, TimeSpan clockSkew)
    {
        // JsonWebToken reports a missing claim as DateTime.MinValue.
        if (token.ValidTo == DateTime.MinValue)
        {
            return NoExpiry;
        }

        var expires = AsUtc(token.ValidTo);
        if (now - clockSkew >= expires)
        {
            return Expired;
        }

        if (token.ValidFrom != DateTime.MinValue)
        {
            var notBefore = AsUtc(token.ValidFrom);
            if (notBefore > expires)
            {
                return "token lifetime is invalid (nbf after exp)";
            }

            if (now + clockSkew < notBefore)
            {
                return NotYetValid;
            }
        }

        return null;
    }

    public static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
