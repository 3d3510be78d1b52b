using System.Text.Json;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>JSON text to the element the code under test reads, detached from its document.</summary>
internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
