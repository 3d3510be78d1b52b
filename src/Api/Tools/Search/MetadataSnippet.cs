namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// Renders a package's user metadata (the catalog hands it over as JSON text) as <c>path: value</c> pairs, so a search
/// hit shows what matched without a JSON document escaped inside a JSON string: <c>{"assay": "rna", "run": {"id": 7}}</c>
/// becomes <c>assay: rna; run.id: 7</c>. Text that is not a JSON object is passed on as it is.
/// </summary>
public static class MetadataSnippet
{
    public static string? Render(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return json;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return json;
            }

            var pairs = new List<string>();
            Flatten(document.RootElement, "", pairs);
            return string.Join("; ", pairs);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static void Flatten(JsonElement value, string path, List<string> pairs)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                Flatten(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, pairs);
            }

            return;
        }

        pairs.Add(path + ": " + Scalar(value));
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(item =>
            // A structure nested inside a list keeps its JSON form (rare in metadata meant for search).
            item.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? item.GetRawText() : Scalar(item))) + "]",
        _ => value.GetRawText(),
    };
}
