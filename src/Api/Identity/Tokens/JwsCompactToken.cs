using System.Buffers.Text;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// A bearer token read as JWS compact serialization (RFC 7515 §7.1) by our own strict rules, before any library
/// sees it: exactly three parts, each canonical base64url (no padding, whitespace or other alphabets, so one token
/// has one spelling), a header and a payload that are JSON objects without duplicate members at any depth.
/// </summary>
/// <remarks>
/// Duplicates are refused because parsers disagree about them (first wins, last wins, error): the claims we check
/// and the claims a library checks must be the same claims. The parsed values are kept (as copies owning their
/// memory, so nothing needs disposing) and every later check reads these exact values.
/// </remarks>
internal sealed class JwsCompactToken
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private JwsCompactToken(JsonElement header, JsonElement payload, bool signed)
    {
        Header = header;
        Payload = payload;
        IsSigned = signed;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>False when the signature part is empty (<c>alg</c> "none", or a stripped signature).</summary>
    public bool IsSigned { get; }

    /// <summary>
    /// Reads the header, checks it with <paramref name="checkHeader"/> (so a header we refuse is refused before the
    /// payload is decoded), then the payload.
    /// </summary>
    /// <returns>Null with the reason when the token is refused.</returns>
    public static JwsCompactToken? TryRead(string token, Func<JsonElement, string?> checkHeader, out string failure)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            // A client may have been handed an encrypted token by mistake; say so when that is what this is.
            failure = IsJweCompact(parts) ? TokenFailureReasons.Encrypted : TokenFailureReasons.Malformed;
            return null;
        }

        if (!TryDecodeCanonical(parts[0], out var headerBytes))
        {
            failure = TokenFailureReasons.Malformed;
            return null;
        }

        if (TryParseObject(headerBytes, out var duplicates) is not { } header)
        {
            failure = duplicates ? TokenFailureReasons.HeaderDuplicates : TokenFailureReasons.HeaderNotObject;
            return null;
        }

        // The header decides how the rest is to be read (an unencoded payload, say), so it is judged first.
        if (checkHeader(header) is { } headerRefusal)
        {
            failure = headerRefusal;
            return null;
        }

        if (!TryDecodeCanonical(parts[1], out var payloadBytes) || !TryDecodeCanonical(parts[2], out _))
        {
            failure = TokenFailureReasons.Malformed;
            return null;
        }

        if (TryParseObject(payloadBytes, out duplicates) is not { } payload)
        {
            failure = duplicates ? TokenFailureReasons.PayloadDuplicates : TokenFailureReasons.PayloadNotObject;
            return null;
        }

        failure = "";
        return new JwsCompactToken(header, payload, signed: parts[2].Length > 0);
    }

    /// <summary>RFC 7516 §7.1: five parts, the first a JSON header with <c>enc</c>.</summary>
    private static bool IsJweCompact(string[] parts) =>
        parts.Length == 5
        && TryDecodeCanonical(parts[0], out var headerBytes)
        && TryParseObject(headerBytes, out _) is { } header
        && header.TryGetProperty("enc", out _);

    /// <summary>Base64url as RFC 7515 §2 defines it, and only its one canonical spelling of the bytes.</summary>
    private static bool TryDecodeCanonical(string part, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(part))
        {
            return false;
        }

        // What IsValid accepts always decodes, so no FormatException can follow.
        bytes = Base64Url.DecodeFromChars(part);

        // The decoder forgives padding, whitespace and non-zero spare bits; re-encoding shows whether any were used.
        return string.Equals(Base64Url.EncodeToString(bytes), part, StringComparison.Ordinal);
    }

    /// <returns>The object, or null; then <paramref name="duplicates"/> says whether duplicate members were the reason.</returns>
    private static JsonElement? TryParseObject(byte[] json, out bool duplicates)
    {
        duplicates = false;
        try
        {
            using var document = JsonDocument.Parse(json, StrictJson);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            // Tell duplicates apart from other bad JSON by whether the forgiving parser accepts it.
            duplicates = IsJsonWithDuplicates(json);
            return null;
        }
    }

    private static bool IsJsonWithDuplicates(byte[] json)
    {
        try
        {
            using var forgiving = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = StrictJson.MaxDepth });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
