using System.Collections.Immutable;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Converts payload JSON into plain values (string, long, double, bool, null, lists, maps) so the runtime
/// context does not hand out JsonElements tied to a pooled document.
/// </summary>
/// <remarks>
/// A plain dictionary that nothing writes to after this method returns, handed out read-only: it is kept with every
/// validated token in the cache, where an immutable tree (a node per claim) cost about half a kilobyte more each.
/// </remarks>
internal static class JsonClaimValues
{
    public static IReadOnlyDictionary<string, object?> ToDictionary(JsonElement payload)
    {
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
        {
            claims[property.Name] = ToPlain(property.Value);
        }

        claims.TrimExcess();
        return claims;
    }

    private static object? ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        // Boxed separately: a plain conditional would widen every long to double.
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToImmutableArray(),
        JsonValueKind.Object => value.EnumerateObject().ToImmutableDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
