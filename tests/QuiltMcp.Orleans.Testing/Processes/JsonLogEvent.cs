using System.Text.Json;

namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// One line of the servers' JSON console log (<c>{"EventId":…,"Category":…,"State":{…}}</c>), read back so the
/// launcher and tests can act on what the server reports instead of guessing from time.
/// </summary>
public sealed class JsonLogEvent
{
    private JsonLogEvent(int eventId, string category, JsonElement root)
    {
        EventId = eventId;
        Category = category;
        Root = root;
    }

    public int EventId { get; }

    public string Category { get; }

    /// <summary>The whole event, for assertions on fields this type does not name.</summary>
    public JsonElement Root { get; }

    /// <summary>A structured value the event carries in its State (the message template's named holes).</summary>
    public string? State(string name) =>
        Root.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object && state.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>Reads a line as an event; false for anything else (a stack trace line, plain text).</summary>
    public static bool TryParse(string line, out JsonLogEvent parsed)
    {
        parsed = null!;
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("EventId", out var id) && id.TryGetInt32(out var eventId)
                && root.TryGetProperty("Category", out var category) && category.GetString() is { } name)
            {
                parsed = new JsonLogEvent(eventId, name, root.Clone());
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>True when <paramref name="line"/> is the event with this id from this logger category.</summary>
    public static bool Is(string line, string category, int eventId) =>
        TryParse(line, out var parsed) && parsed.EventId == eventId && parsed.Category == category;
}
