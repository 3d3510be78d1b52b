using System.Text;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Decodes a bucket claim: a plain list, or <c>{"_type": …, "_data": …}</c> where <c>_type</c> is
/// <c>groups</c> (prefix → suffixes, giving <c>prefix-suffix</c>), <c>patterns</c> (the same, except the
/// prefix <c>other</c> holds whole names) or <c>compressed</c> (base64 of a JSON list).
/// </summary>
internal static class BucketClaimDecoder
{
    public const string Groups = "groups";
    public const string Patterns = "patterns";
    public const string Compressed = "compressed";

    /// <summary>In the patterns form, names under this key have no common prefix.</summary>
    public const string UnprefixedKey = "other";

    public static string[] Decode(JsonElement value, string claimName) => value.ValueKind switch
    {
        JsonValueKind.Array => ClaimReader.ReadStringArray(value, claimName),
        JsonValueKind.Object => DecodeTyped(value, claimName),
        _ => throw new InvalidClaimException($"claim '{claimName}' must be a list of buckets or a {{_type, _data}} object"),
    };

    private static string[] DecodeTyped(JsonElement value, string claimName)
    {
        if (!value.TryGetProperty("_type", out var type) || type.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("_data", out var data))
        {
            throw new InvalidClaimException($"claim '{claimName}' is an object without string '_type' and '_data'");
        }

        return type.GetString() switch
        {
            Groups => ExpandPrefixes(data, claimName, Groups, keepUnprefixed: false),
            Patterns => ExpandPrefixes(data, claimName, Patterns, keepUnprefixed: true),
            Compressed => DecodeBase64List(data, claimName),
            _ => throw new InvalidClaimException($"claim '{claimName}' has unknown _type (expected groups, patterns or compressed)"),
        };
    }

    private static string[] ExpandPrefixes(JsonElement data, string claimName, string kind, bool keepUnprefixed)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidClaimException($"claim '{claimName}' ({kind}) must map each prefix to a list of names");
        }

        var buckets = new List<string>();
        foreach (var group in data.EnumerateObject())
        {
            var suffixes = ClaimReader.ReadStringArray(group.Value, $"{claimName}._data.{group.Name}");
            var unprefixed = keepUnprefixed && group.Name == UnprefixedKey;
            buckets.AddRange(suffixes.Select(suffix => unprefixed ? suffix : $"{group.Name}-{suffix}"));
        }

        return buckets.ToArray();
    }

    private static string[] DecodeBase64List(JsonElement data, string claimName)
    {
        var reason = $"claim '{claimName}' (compressed) must be base64 of a JSON list of strings";
        if (data.ValueKind != JsonValueKind.String)
        {
            throw new InvalidClaimException(reason);
        }

        var bytes = FromBase64(data.GetString()!) ?? throw new InvalidClaimException(reason);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return ClaimReader.ReadStringArray(document.RootElement, claimName);
        }
        catch (JsonException)
        {
            throw new InvalidClaimException(reason);
        }
        catch (InvalidClaimException)
        {
            throw new InvalidClaimException(reason);
        }
    }

    /// <summary>Accepts standard and URL-safe alphabets, with or without padding, as browsers produce both.</summary>
    private static byte[]? FromBase64(string text)
    {
        var normalized = new StringBuilder(text.Trim()).Replace('-', '+').Replace('_', '/');
        normalized.Append('=', (4 - normalized.Length % 4) % 4);
        // Base64 never decodes to more bytes than it has characters.
        var buffer = new byte[normalized.Length];
        return Convert.TryFromBase64String(normalized.ToString(), buffer, out var written) ? buffer[..written] : null;
    }
}
