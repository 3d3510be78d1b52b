using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// Checks a call's arguments against the tool's own input schema before the tool runs: a missing required argument
/// or one of the wrong JSON type is answered with a tool error that names the argument, what was expected and what came.
/// Without this the SDK answers only "An error occurred invoking '…'." and the reason stays in the server log.
/// An optional argument given as <c>null</c> is dropped before the tool runs, so it means "absent" (its default), as
/// <see cref="PortableToolSchema"/> promises when it declares a nullable argument with its one type.
/// </summary>
public static class ToolArgumentCheck
{
    public static void Add(IMcpRequestFilterBuilder filters) =>
        // Not an async lambda: a check that passes hands on next's task and adds no state machine to the call.
        filters.AddCallToolFilter(next => (request, cancellationToken) =>
        {
            if (request.MatchedPrimitive is McpServerTool tool
                && Problem(tool.ProtocolTool.InputSchema, request.Params?.Arguments) is { } problem)
            {
                return ValueTask.FromResult(ToolErrorResult.Create(problem));
            }

            if (request.Params?.Arguments is { } arguments && arguments.Values.Any(value => value.ValueKind == JsonValueKind.Null))
            {
                request.Params.Arguments = arguments
                    .Where(argument => argument.Value.ValueKind != JsonValueKind.Null)
                    .ToDictionary(argument => argument.Key, argument => argument.Value, StringComparer.Ordinal);
            }

            return next(request, cancellationToken);
        });

    /// <summary>What is wrong with <paramref name="arguments"/> for a tool with this input schema, or null.</summary>
    internal static string? Problem(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(element => element.GetString()!))
            {
                if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    return $"The argument '{name}' is required: {Expected(properties.GetProperty(name))}.";
                }
            }
        }

        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind != JsonValueKind.Null && properties.TryGetProperty(name, out var property) && !Accepts(property, value))
            {
                return $"The argument '{name}' must be {Expected(property)}, not {Describe(value)}.";
            }
        }

        return null;
    }

    private static bool Accepts(JsonElement property, JsonElement value)
    {
        var types = Types(property);
        return types.Count == 0 || types.Any(type => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => true,
        });
    }

    private static List<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(element => element.GetString()!).ToList()
        : [];

    private static string Expected(JsonElement property)
    {
        var kinds = Types(property).Where(type => type != "null").Select(type => type switch
        {
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "an array",
            "object" => "an object",
            _ => type,
        }).ToList();
        var expected = kinds.Count == 0 ? "a value" : string.Join(" or ", kinds);
        return property.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 } text
            ? $"{expected} ({text.TrimEnd('.')})"
            : expected;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a number with a fraction",
        JsonValueKind.True or JsonValueKind.False => $"{(value.ValueKind == JsonValueKind.True ? "true" : "false")}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
