using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>Finds resources in a CloudFormation-shaped template (hand-written or synthesized).</summary>
public static class Templates
{
    public static string CloudFormationPath => Path.Combine(RepositoryPaths.Root, "deploy", "cloudformation", "mcp_server.yml");

    public static JsonObject CloudFormation() => CloudFormationYaml.Load(CloudFormationPath);

    public static IEnumerable<(string Id, JsonObject Resource)> OfType(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(pair => Json.Text(pair.Value?["Type"]) == type)
            .Select(pair => (pair.Key, pair.Value!.AsObject()));

    public static JsonObject Single(JsonObject template, string type) => Assert.Single(OfType(template, type)).Resource["Properties"]!.AsObject();

    /// <summary>The one resource of <paramref name="type"/> whose logical id contains <paramref name="idPart"/>.</summary>
    public static JsonObject Named(JsonObject template, string type, string idPart) =>
        Assert.Single(OfType(template, type), r => r.Id.Contains(idPart, StringComparison.Ordinal)).Resource["Properties"]!.AsObject();

    /// <summary>The quilt-mcp container (an optional sidecar, still under its Fn::If in an unrendered template, is not it).</summary>
    public static JsonObject Container(JsonObject template) => Container(template, "quilt-mcp")!;

    /// <summary>The container named <paramref name="name"/>, or null when the task definition has none of that name.</summary>
    public static JsonObject? Container(JsonObject template, string name) =>
        Json.AsArray(Single(template, "AWS::ECS::TaskDefinition")["ContainerDefinitions"])
            .SingleOrDefault(c => c is JsonObject definition && Json.Text(definition["Name"]) == name)?.AsObject();

    /// <summary>The names of the task definition's containers.</summary>
    public static IReadOnlyList<string?> ContainerNames(JsonObject template) =>
        [.. Json.AsArray(Single(template, "AWS::ECS::TaskDefinition")["ContainerDefinitions"]).Select(c => Json.Text(c!["Name"]))];

    /// <summary>All policy statements of a role's inline policies, with conditions taken as true.</summary>
    public static IReadOnlyList<JsonObject> Statements(JsonObject template, string roleIdPart)
    {
        var role = Named(template, "AWS::IAM::Role", roleIdPart);
        return [.. Json.AsArray(role["Policies"])
            .SelectMany(policy => Json.AsArray(Json.AllConditionsTrue(policy!["PolicyDocument"]!.DeepClone())!["Statement"]))
            .Select(statement => statement!.AsObject())];
    }

    public static IReadOnlyList<string> Actions(JsonObject statement) => [.. Json.AsArray(statement["Action"]).Select(a => Json.Text(a)!)];
}
