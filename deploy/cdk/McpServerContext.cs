using System.Globalization;
using System.Text.Json;
using Constructs;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// Reads <see cref="McpServerProps"/> from CDK context (<c>cdk synth -c vpcId=vpc-… -c secretArns=a,b</c> or
/// cdk.json). Keys are the Terraform variable names in camelCase; lists are JSON arrays or comma-separated.
/// </summary>
public static class McpServerContext
{
    public static McpServerProps Read(Node node)
    {
        var missing = new List<string>();
        string Required(string key)
        {
            var value = Optional(node, key);
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(key);
                return string.Empty;
            }

            return value;
        }

        var props = new McpServerProps
        {
            Name = Optional(node, "name") ?? "quilt-mcp",
            VpcId = Required("vpcId"),
            PrivateSubnetIds = List(Required("privateSubnetIds")),
            EcsClusterArn = Required("ecsClusterArn"),
            AlbListenerArn = Required("albListenerArn"),
            AlbSecurityGroupIds = List(Required("albSecurityGroupIds")),
            HostHeader = Required("hostHeader"),
            PathPatterns = Optional(node, "pathPatterns") is { } paths ? List(paths) : ["/mcp*", "/.well-known/oauth-protected-resource*"],
            ListenerRulePriority = Integer(Required("listenerRulePriority"), "listenerRulePriority"),
            ContainerImage = Required("containerImage"),
            EcrRepositoryArn = Optional(node, "ecrRepositoryArn"),
            AppVersion = Required("appVersion"),
            CatalogUrl = Required("catalogUrl"),
            Cpu = Integer(Optional(node, "cpu") ?? "256", "cpu"),
            Memory = Integer(Optional(node, "memory") ?? "512", "memory"),
            DesiredCount = Integer(Optional(node, "desiredCount") ?? "2", "desiredCount"),
            ContainerPort = Integer(Optional(node, "containerPort") ?? "8000", "containerPort"),
            SiloPort = Integer(Optional(node, "siloPort") ?? "11111", "siloPort"),
            ClusterId = Optional(node, "clusterId") ?? "quilt-mcp",
            ServiceId = Optional(node, "serviceId") ?? "quilt-mcp",
            MembershipTableName = Optional(node, "membershipTableName"),
            GrainStateTableName = Optional(node, "grainStateTableName"),
            TableDeletionProtection = Boolean(Optional(node, "tableDeletionProtection") ?? "true", "tableDeletionProtection"),
            SecretArns = List(Optional(node, "secretArns") ?? string.Empty),
            EgressCidrBlocks = Optional(node, "egressCidrBlocks") is { } egress ? List(egress) : ["0.0.0.0/0"],
            EnableExecuteCommand = Boolean(Optional(node, "enableExecuteCommand") ?? "false", "enableExecuteCommand"),
            AssumableRoleArns = List(Optional(node, "assumableRoleArns") ?? string.Empty),
            LogRetentionDays = Integer(Optional(node, "logRetentionDays") ?? "30", "logRetentionDays"),
            ShutdownTimeoutSeconds = Integer(Optional(node, "shutdownTimeoutSeconds") ?? "30", "shutdownTimeoutSeconds"),
            HealthCheckGracePeriodSeconds = Integer(Optional(node, "healthCheckGracePeriodSeconds") ?? "60", "healthCheckGracePeriodSeconds"),
        };

        if (missing.Count > 0)
        {
            throw new ArgumentException($"Missing CDK context: {string.Join(", ", missing)} (pass -c key=value or set them in cdk.json).");
        }

        return props;
    }

    private static string? Optional(Node node, string key) => node.TryGetContext(key) switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        // cdk.json may hold real JSON values; keep them as text and parse below like -c values.
        var other => JsonSerializer.Serialize(other),
    };

    private static string[] List(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            return JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
        }

        return trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static int Integer(string value, string key) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"CDK context {key} must be a whole number, not '{value}'.");

    private static bool Boolean(string value, string key) => value.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new ArgumentException($"CDK context {key} must be true or false, not '{value}'."),
    };
}
