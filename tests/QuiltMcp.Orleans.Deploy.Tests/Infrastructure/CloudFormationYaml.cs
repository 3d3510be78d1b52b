using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>
/// Reads a CloudFormation YAML template into the JSON form CloudFormation itself uses, so the hand-written
/// template and the CDK output can be inspected by the same code. Short-form tags become their long form:
/// <c>!Ref X</c> → <c>{"Ref": "X"}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt": ["A", "B"]}</c>,
/// <c>!Condition C</c> → <c>{"Condition": "C"}</c>, any other <c>!Name</c> → <c>{"Fn::Name": …}</c>.
/// </summary>
public static class CloudFormationYaml
{
    public static JsonObject Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a YAML mapping.");
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode mapping => Mapping(mapping),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType}."),
        };

        if (node.Tag.IsEmpty || node.Tag.Value is "?" or "!" || node.Tag.Value.StartsWith("tag:yaml.org", StringComparison.Ordinal))
        {
            return value;
        }

        var name = node.Tag.Value.TrimStart('!');
        return name switch
        {
            "Ref" => new JsonObject { ["Ref"] = value },
            "Condition" => new JsonObject { ["Condition"] = value },
            "GetAtt" when value is JsonValue text => new JsonObject
            {
                ["Fn::GetAtt"] = new JsonArray([.. text.ToString().Split('.', 2).Select(part => (JsonNode)JsonValue.Create(part))]),
            },
            _ => new JsonObject { ["Fn::" + name] = value },
        };
    }

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, child) in mapping.Children)
        {
            result[((YamlScalarNode)key).Value!] = Convert(child);
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        // Plain scalars carry YAML 1.1 core types the way CloudFormation reads them.
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return JsonValue.Create(text);
    }
}
