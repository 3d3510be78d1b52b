namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// <c>exp</c> (required) and <c>nbf</c> with clock skew, against our <see cref="TimeProvider"/>. Done here rather
/// than by Microsoft.IdentityModel because its time source is not settable in 8.x (the property is internal), and
/// one clock for lifetimes and the JWKS cache keeps tests deterministic. The times are the ones
/// <see cref="RegisteredClaims"/> read as NumericDates, never a library's coerced reading.
/// </summary>
internal static class TokenLifetimeCheck
{
    public const string NoExpiry = "token has no expiry (exp)";
    public const string Expired = "token has expired";
    public const string NotYetValid = "token is not yet valid";
    public const string NotBeforeAfterExpiry = "token lifetime is invalid (nbf after exp)";

    /// <returns>Null when the token is within its lifetime, otherwise the reason.</returns>
    public static string? Check(RegisteredClaims claims, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (claims.ExpiresAt is not { } expires)
        {
            return NoExpiry;
        }

        if (now - clockSkew >= expires)
        {
            return Expired;
        }

        if (claims.NotBefore is { } notBefore)
        {
            if (notBefore > expires)
            {
                return NotBeforeAfterExpiry;
            }

            if (now + clockSkew < notBefore)
            {
                return NotYetValid;
            }
        }

        return null;
    }
}
