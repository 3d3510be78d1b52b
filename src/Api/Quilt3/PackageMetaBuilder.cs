using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// The package metadata line: <c>{"version": "v0", "message": …, "user_meta": …}</c>. quilt3 always records the
/// commit message (null when none was given) and adds <c>user_meta</c> only when metadata was set.
/// </summary>
public static class PackageMetaBuilder
{
    public const int MaxMessageLength = 10_000;

    public static void EnsureValid(string? message, JsonElement? userMeta)
    {
        if (message is not null && (message.Length > MaxMessageLength || message.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))))
        {
            throw new PackageFormatException($"message must be at most {MaxMessageLength} characters without control characters other than newline and tab.");
        }

        PythonJson.EnsureObjectOrAbsent(userMeta, "metadata must be a JSON object.");
    }

    /// <summary>A new revision's metadata; <paramref name="previous"/> supplies user_meta when none is given.</summary>
    public static JsonElement Build(string? message, JsonElement? userMeta, JsonElement? previous)
    {
        var meta = new JsonObject { ["version"] = "v0", ["message"] = message };
        if (userMeta is { ValueKind: JsonValueKind.Object } given)
        {
            meta["user_meta"] = JsonNode.Parse(given.GetRawText());
        }
        else if (previous is { } old && old.TryGetProperty("user_meta", out var kept))
        {
            meta["user_meta"] = JsonNode.Parse(kept.GetRawText());
        }

        return JsonSerializer.SerializeToElement(meta);
    }
}
