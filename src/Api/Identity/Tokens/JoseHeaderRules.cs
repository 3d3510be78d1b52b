namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// What a token's protected header may say, checked before the payload is even decoded: a string <c>alg</c>, a
/// short string <c>kid</c>, no extension we do not implement (<c>crit</c>, <c>b64</c>), and no key or key
/// location of its own (<c>jku</c>, <c>jwk</c>, <c>x5u</c>, <c>x5c</c>).
/// </summary>
/// <remarks>
/// Header keys are never used anyway (keys come from configuration, selected by issuer and kid); refusing tokens
/// that carry them makes an injection attempt visible instead of silently ignored. Hints that select among our own
/// keys (<c>x5t</c>, <c>x5t#S256</c>) stay allowed, as some providers always send them.
/// </remarks>
internal static class JoseHeaderRules
{
    /// <summary>
    /// Longer kids are refused before any key lookup (and so before any JWKS refetch they could cause); real
    /// providers use 20 to 64 characters. <see cref="TokenFailureReasons.KidTooLong"/> names this number.
    /// </summary>
    public const int MaxKidLength = 256;

    private static readonly string[] KeyCarryingParameters = ["jku", "jwk", "x5u", "x5c"];

    /// <returns>Null when the header is acceptable, otherwise the reason.</returns>
    public static string? Check(JsonElement header)
    {
        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString()!.Length == 0)
        {
            return TokenFailureReasons.NoAlgorithm;
        }

        // RFC 7515 §4.1.11: extensions we do not implement must not be silently ignored.
        if (header.TryGetProperty("crit", out _))
        {
            return TokenFailureReasons.CriticalHeader;
        }

        // RFC 7797 requires b64 to be listed in crit; alone it is a malformed attempt at an unencoded payload.
        if (header.TryGetProperty("b64", out _))
        {
            return TokenFailureReasons.UnencodedPayload;
        }

        foreach (var parameter in KeyCarryingParameters)
        {
            if (header.TryGetProperty(parameter, out _))
            {
                return TokenFailureReasons.KeyHeaderRefused(parameter);
            }
        }

        if (header.TryGetProperty("kid", out var kid))
        {
            if (kid.ValueKind != JsonValueKind.String)
            {
                return TokenFailureReasons.KidNotString;
            }

            if (kid.GetString()!.Length > MaxKidLength)
            {
                return TokenFailureReasons.KidTooLong;
            }
        }

        return null;
    }
}
