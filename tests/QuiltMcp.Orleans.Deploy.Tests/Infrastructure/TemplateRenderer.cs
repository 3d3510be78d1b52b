using System.Globalization;
using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>
/// Renders a CloudFormation-shaped template (hand-written or synthesized) for given parameter values the way
/// CloudFormation would before creating anything: rules and conditions are evaluated from the parameters, resources
/// and outputs whose condition is false disappear, <c>Fn::If</c> picks its branch, <c>AWS::NoValue</c> is
/// removed, and <c>Ref</c>, <c>Fn::Select</c>, <c>Fn::Split</c>, <c>Fn::Join</c> and <c>Fn::Sub</c> (also with a variable map) are
/// computed where their inputs are known.
/// Values that only exist once a stack is deployed become readable placeholders: <c>Ref</c> to a resource is
/// <c>&lt;Type&gt;</c> and <c>Fn::GetAtt</c> is <c>&lt;Type.Attribute&gt;</c>, keyed by resource type rather than
/// logical id, so a rendered CloudFormation template and a rendered CDK synth can be compared value by value.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly JsonObject _template;
    private readonly Dictionary<string, JsonNode?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);

    private TemplateRenderer(JsonObject template, IReadOnlyDictionary<string, string> parameters)
    {
        _template = template;
        foreach (var (name, declaration) in template["Parameters"]?.AsObject() ?? [])
        {
            var type = Json.Text(declaration?["Type"]) ?? "String";
            string? value = parameters.TryGetValue(name, out var given) ? given
                : declaration?["Default"] is { } fallback ? Json.Text(fallback) : null;
            if (value is not null)
            {
                _parameters[name] = type.StartsWith("List<", StringComparison.Ordinal) || type == "CommaDelimitedList"
                    ? new JsonArray([.. value.Split(',').Select(item => (JsonNode)JsonValue.Create(item.Trim()))])
                    : JsonValue.Create(value);
            }
        }

        foreach (var (name, value) in parameters.Where(p => p.Key.StartsWith("AWS::", StringComparison.Ordinal)))
        {
            _parameters[name] = JsonValue.Create(value);
        }
    }

    /// <summary>The template as CloudFormation would create it for <paramref name="parameters"/> (unnamed ones take their defaults).</summary>
    public static JsonObject Render(JsonObject template, IReadOnlyDictionary<string, string>? parameters = null) =>
        new TemplateRenderer(template, parameters ?? new Dictionary<string, string>()).Render();

    /// <summary>
    /// A comparable form of a rendered value: object keys sorted, scalars written as text (CloudFormation reads
    /// <c>"30"</c> and <c>30</c> alike), one-element lists unwrapped (CDK writes single actions and resources bare).
    /// </summary>
    public static string Canonical(JsonNode? node) => Canonicalize(node)?.ToJsonString() ?? "null";

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray { Count: 1 } array => Canonicalize(array[0]),
        JsonArray array => new JsonArray([.. array.Select(Canonicalize)]),
        JsonValue value => JsonValue.Create(value.ToString()),
        _ => null,
    };

    private JsonObject Render()
    {
        var result = new JsonObject();
        foreach (var (name, _) in _template["Conditions"]?.AsObject() ?? [])
        {
            _ = Condition(name);
        }

        // Rules are checked before anything is created: a failed assertion fails the whole stack operation.
        foreach (var (name, rule) in _template["Rules"]?.AsObject() ?? [])
        {
            if (rule!["RuleCondition"] is { } condition && !Evaluate(condition))
            {
                continue;
            }

            foreach (var assertion in Json.AsArray(rule["Assertions"]))
            {
                if (!Evaluate(assertion!["Assert"]!))
                {
                    throw new InvalidDataException($"Rule {name} fails: {Json.Text(assertion["AssertDescription"])}");
                }
            }
        }

        foreach (var (section, body) in _template)
        {
            if (section is "Resources" or "Outputs")
            {
                var kept = new JsonObject();
                foreach (var (id, item) in body!.AsObject())
                {
                    if (Json.Text(item?["Condition"]) is { } condition && !Condition(condition))
                    {
                        continue;
                    }

                    kept[id] = Resolve(item);
                }

                result[section] = kept;
            }
            else
            {
                result[section] = body?.DeepClone();
            }
        }

        return result;
    }

    private bool Condition(string name)
    {
        if (!_conditions.TryGetValue(name, out var value))
        {
            var definition = _template["Conditions"]?[name] ?? throw new InvalidDataException($"Condition {name} is not defined.");
            value = Evaluate(definition);
            _conditions[name] = value;
        }

        return value;
    }

    private bool Evaluate(JsonNode definition)
    {
        var obj = definition.AsObject();
        var (function, argument) = obj.Single();
        var arguments = Json.AsArray(argument);
        return function switch
        {
            "Condition" => Condition(Json.Text(argument)!),
            "Fn::Not" => !Evaluate(arguments[0]!),
            "Fn::And" => arguments.All(a => Evaluate(a!)),
            "Fn::Or" => arguments.Any(a => Evaluate(a!)),
            "Fn::Equals" => Scalar(Resolve(arguments[0]), definition) == Scalar(Resolve(arguments[1]), definition),
            "Fn::Contains" => Json.AsArray(Resolve(arguments[0])).Select(item => Scalar(item, definition)).Contains(Scalar(Resolve(arguments[1]), definition)),
            _ => throw new InvalidDataException($"Unsupported condition function {function}."),
        };
    }

    private static string Scalar(JsonNode? node, JsonNode context) => node is JsonValue value
        ? value.ToString()
        : throw new InvalidDataException($"Cannot compare {node?.ToJsonString()} in {context.ToJsonString()}: a parameter it needs has no value.");

    private JsonNode? Resolve(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(Resolve).Where(item => !IsNoValue(item))]);

            case JsonObject obj when obj.Count == 1:
            {
                var (key, argument) = obj.Single();
                var resolved = key switch
                {
                    "Ref" => Reference(Json.Text(argument)!),
                    "Fn::GetAtt" => Attribute(argument!),
                    "Fn::If" => Resolve(Condition(Json.Text(argument![0])!) ? argument[1] : argument[2]),
                    "Fn::Select" => Select(Resolve(argument![0]), Resolve(argument[1])),
                    "Fn::Split" => Split(Resolve(argument![0]), Resolve(argument[1])),
                    "Fn::Join" => Join(Resolve(argument![0]), Resolve(argument[1])),
                    "Fn::Sub" when argument is JsonValue => Substitute(argument.ToString(), variables: null),
                    "Fn::Sub" when argument is JsonArray { Count: 2 } form && form[0] is JsonValue template && form[1] is JsonObject variables =>
                        Substitute(template.ToString(), new JsonObject(variables.Select(v => KeyValuePair.Create(v.Key, Resolve(v.Value))))),
                    _ => null,
                };
                return resolved ?? Properties(obj);
            }

            case JsonObject obj:
                return Properties(obj);

            default:
                return node?.DeepClone();
        }
    }

    private JsonObject Properties(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var resolved = Resolve(value);
            if (!IsNoValue(resolved))
            {
                result[key] = resolved;
            }
        }

        return result;
    }

    private JsonNode? Reference(string name)
    {
        if (name == "AWS::NoValue")
        {
            return new JsonObject { ["Ref"] = "AWS::NoValue" };
        }

        if (_parameters.TryGetValue(name, out var value))
        {
            return value?.DeepClone();
        }

        return Json.Text(_template["Resources"]?[name]?["Type"]) is { } type ? JsonValue.Create($"<{type}>") : null;
    }

    private JsonNode? Attribute(JsonNode argument)
    {
        var parts = argument is JsonArray array ? array.Select(Json.Text).ToArray() : Json.Text(argument)!.Split('.', 2);
        return Json.Text(_template["Resources"]?[parts[0]!]?["Type"]) is { } type ? JsonValue.Create($"<{type}.{parts[1]}>") : null;
    }

    /// <summary><c>${Name}</c> is a variable of the <c>Fn::Sub</c> map when it has one of that name, else a parameter, resource or attribute.</summary>
    private JsonNode? Substitute(string text, JsonObject? variables)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        while (text.IndexOf("${", position, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = text.IndexOf('}', start);
            var name = text[(start + 2)..end];
            var value = variables is not null && variables.TryGetPropertyValue(name, out var variable) ? variable
                : name.Contains('.', StringComparison.Ordinal) ? Attribute(JsonValue.Create(name)!) : Reference(name);
            if (value is not JsonValue)
            {
                return null;
            }

            result.Append(text, position, start - position).Append(value.ToString());
            position = end + 1;
        }

        return JsonValue.Create(result.Append(text, position, text.Length - position).ToString());
    }

    private static JsonNode? Select(JsonNode? index, JsonNode? list) =>
        index is JsonValue && list is JsonArray items && int.TryParse(index.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? (i < items.Count ? items[i]?.DeepClone() : throw new InvalidDataException($"Fn::Select index {i} is past the end of {items.ToJsonString()}: the stack would fail."))
            : null;

    private static JsonNode? Split(JsonNode? delimiter, JsonNode? text) =>
        delimiter is JsonValue && text is JsonValue
            ? new JsonArray([.. text.ToString().Split(delimiter.ToString()).Select(part => (JsonNode)JsonValue.Create(part))])
            : null;

    private static JsonNode? Join(JsonNode? delimiter, JsonNode? items) =>
        delimiter is JsonValue && items is JsonArray array && array.All(item => item is JsonValue)
            ? JsonValue.Create(string.Join(delimiter.ToString(), array.Select(item => item!.ToString())))
            : null;

    private static bool IsNoValue(JsonNode? node) => node is JsonObject obj && obj.Count == 1 && Json.Text(obj["Ref"]) == "AWS::NoValue";
}
