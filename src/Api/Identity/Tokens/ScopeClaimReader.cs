namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Reads scopes from <c>scope</c> (OAuth, space separated), <c>scp</c> (some providers' list form) or the
/// catalog's compressed <c>s</c>, in that order of precedence. A missing claim means no scopes; a claim of the
/// wrong type rejects the token, because guessing could grant more than was issued.
/// </summary>
internal static class ScopeClaimReader
{
    private static readonly string[] ClaimNames = ["scope", "scp", "s"];

    public static string[] Read(JsonElement payload)
    {
        if (!ClaimReader.TryGetFirst(payload, ClaimNames, out var name, out var value))
        {
            return [];
        }

        var scopes = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => ClaimReader.ReadStringArray(value, name)
                .SelectMany(item => item.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .ToArray(),
            _ => throw new InvalidClaimException($"claim '{name}' must be a space-separated string or a list of strings"),
        };
        return scopes.Distinct(StringComparer.Ordinal).ToArray();
    }
}
