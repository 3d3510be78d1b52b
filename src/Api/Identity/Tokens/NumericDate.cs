namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// RFC 7519 §2 NumericDate: a JSON number of seconds since 1970-01-01T00:00:00Z, possibly with a fraction. Strings
/// that look like numbers, booleans, lists, objects and null are refused rather than converted, and so are values
/// outside 1970 to the last day of year 9999 (which also refuses non-finite and absurdly large numbers).
/// </summary>
internal static class NumericDate
{
    /// <summary>9999-12-31T00:00:00Z: the last day of the year is left free so adding a clock skew can never overflow.</summary>
    public const long MaxSeconds = 253402214400;

    /// <returns>The instant (to the millisecond, rounded down), or null when the claim is absent.</returns>
    /// <exception cref="InvalidClaimException">The claim is present but not a NumericDate in range.</exception>
    public static DateTimeOffset? Read(JsonElement payload, string claim)
    {
        if (!payload.TryGetProperty(claim, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new InvalidClaimException($"claim '{claim}' must be a number (NumericDate)");
        }

        // Every JSON number reads as a double: 1e400 as infinity, which is out of range like any other huge value.
        // Written as "not within" so that a NaN, should one ever appear, is refused too.
        var seconds = value.GetDouble();
        if (seconds is not (>= 0 and <= MaxSeconds))
        {
            throw new InvalidClaimException($"claim '{claim}' is outside the NumericDate range (1970 to 9999)");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
    }
}
