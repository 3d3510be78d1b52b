using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>Small helpers for the JSON shapes of hcl2json output and CloudFormation templates.</summary>
public static class Json
{
    /// <summary>CDK writes one-element lists as a bare value; CloudFormation accepts both.</summary>
    public static IReadOnlyList<JsonNode?> AsArray(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array],
        _ => [node],
    };

    public static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : node?.ToJsonString();

    /// <summary>A number that may be written as a string ("30") or a number (30).</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>
    /// Resolves CloudFormation conditions as if every condition were true and drops AWS::NoValue, so the
    /// template's "everything enabled" shape can be inspected like a synthesized one.
    /// </summary>
    public static JsonNode? AllConditionsTrue(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj["Fn::If"] is JsonArray branches:
                return AllConditionsTrue(branches[1]?.DeepClone());
            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolved = AllConditionsTrue(value?.DeepClone());
                    if (!IsNoValue(resolved))
                    {
                        result[key] = resolved;
                    }
                }

                return result;
            }

            case JsonArray array:
            {
                var result = new JsonArray();
                foreach (var item in array)
                {
                    var resolved = AllConditionsTrue(item?.DeepClone());
                    if (!IsNoValue(resolved))
                    {
                        result.Add(resolved);
                    }
                }

                return result;
            }

            default:
                return node;
        }
    }

    private static bool IsNoValue(JsonNode? node) => node is JsonObject obj && obj.Count == 1 && Text(obj["Ref"]) == "AWS::NoValue";
}
