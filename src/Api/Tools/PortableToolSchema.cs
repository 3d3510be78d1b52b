using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// How tool input and output schemas are written so that every client can map them, including those that accept
/// only one <c>type</c> per schema (the OpenAPI subset some model providers use for function declarations):
/// <list type="bullet">
/// <item>A nullable value is declared with its one type (<c>"string"</c>, not <c>["string","null"]</c>). It is never
/// required: an output leaves a null property out, and an input argument given as <c>null</c> counts as absent
/// (<see cref="ToolArgumentCheck"/> drops it before the tool runs).</item>
/// <item>Free-form JSON (<see cref="JsonElement"/>) is a JSON object, which is what package and entry metadata are.</item>
/// </list>
/// </summary>
public static class PortableToolSchema
{
    public static AIJsonSchemaCreateOptions CreateOptions { get; } = new()
    {
        TransformSchemaNode = Transform,
    };

    private static JsonNode Transform(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (schema is not JsonObject node)
        {
            // JSON Schema's "anything" is written as a bare true, which several clients cannot read.
            return type == typeof(JsonElement) ? new JsonObject { ["type"] = "object" } : schema;
        }

        if (node["type"] is JsonArray types && types.Count == 2 && types.Any(type => type?.GetValue<string>() == "null"))
        {
            node["type"] = types.Select(type => type!.GetValue<string>()).Single(type => type != "null");
        }

        if (type == typeof(JsonElement) && !node.ContainsKey("type"))
        {
            node["type"] = "object";
        }

        return node;
    }
}
