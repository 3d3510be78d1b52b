namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The payload claims that decide whether and how a token is checked, read with their JSON types enforced:
/// <c>iss</c>, <c>sub</c>, <c>token_use</c>, <c>client_id</c> strings, <c>aud</c> a string or a list of strings,
/// <c>exp</c>/<c>nbf</c>/<c>iat</c> NumericDates. A wrong type refuses the token with a reason naming the claim:
/// a library that coerces <c>"exp": "1999999999"</c> or <c>"aud": 42</c> would check something the issuer never
/// wrote.
/// </summary>
internal sealed class RegisteredClaims
{
    private static readonly string[] StringClaims = ["iss", "sub", "token_use", "client_id"];

    private RegisteredClaims(string? issuer, DateTimeOffset? expiresAt, DateTimeOffset? notBefore, DateTimeOffset? issuedAt)
    {
        Issuer = issuer;
        ExpiresAt = expiresAt;
        NotBefore = notBefore;
        IssuedAt = issuedAt;
    }

    public string? Issuer { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public DateTimeOffset? NotBefore { get; }

    public DateTimeOffset? IssuedAt { get; }

    /// <exception cref="InvalidClaimException">A claim is present with the wrong type; the message names it.</exception>
    public static RegisteredClaims Read(JsonElement payload)
    {
        foreach (var name in StringClaims)
        {
            // JSON null is a wrong type too: "absent" is written by leaving the claim out.
            if (payload.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidClaimException($"claim '{name}' must be a string");
            }
        }

        if (payload.TryGetProperty("aud", out var audience) && !IsStringOrStringList(audience))
        {
            throw new InvalidClaimException("claim 'aud' must be a string or a list of strings");
        }

        return new RegisteredClaims(
            payload.TryGetProperty("iss", out var issuer) ? issuer.GetString() : null,
            NumericDate.Read(payload, "exp"),
            NumericDate.Read(payload, "nbf"),
            NumericDate.Read(payload, "iat"));
    }

    private static bool IsStringOrStringList(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => true,
        JsonValueKind.Array => value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String),
        _ => false,
    };
}
