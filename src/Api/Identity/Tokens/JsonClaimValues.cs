using System.Collections.Immutable;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Converts payload JSON into plain values (string, long, double, bool, null, lists, maps) so the runtime
/// context does not hand out JsonElements tied to a pooled document.
/// </summary>
internal static class JsonClaimValues
{
    public static ImmutableDictionary<string, object?> ToDictionary(JsonElement payload)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
        {
            builder[property.Name] = ToPlain(property.Value);
        }

        return builder.ToImmutable();
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
