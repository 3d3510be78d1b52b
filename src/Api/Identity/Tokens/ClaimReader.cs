namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>Typed reads of JWT payload claims that reject wrong shapes instead of guessing.</summary>
internal static class ClaimReader
{
    /// <summary>A claim counts as present unless it is missing or JSON null.</summary>
    public static bool TryGet(JsonElement payload, string name, out JsonElement value)
    {
        if (payload.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The first of <paramref name="names"/> that is present, so an explicit claim can win over its twin.</summary>
    public static bool TryGetFirst(JsonElement payload, ReadOnlySpan<string> names, out string name, out JsonElement value)
    {
        foreach (var candidate in names)
        {
            if (TryGet(payload, candidate, out value))
            {
                name = candidate;
                return true;
            }
        }

        // Stryker disable once String: callers read the name only when a claim was found.
        name = "";
        value = default;
        return false;
    }

    public static string[] ReadStringArray(JsonElement value, string claimName)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidClaimException($"claim '{claimName}' must be a list of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new InvalidClaimException($"claim '{claimName}' must contain only strings");
            }

            items.Add(item.GetString()!);
        }

        return items.ToArray();
    }

    public static string ReadString(JsonElement value, string claimName) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new InvalidClaimException($"claim '{claimName}' must be a string");

    /// <summary>Profile claims (name, email) are informational: a wrong type is ignored, not fatal.</summary>
    public static string? ReadOptionalProfileString(JsonElement payload, ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
        }

        return null;
    }
}
