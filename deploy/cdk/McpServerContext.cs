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
            VpcCidrBlock = Required("vpcCidrBlock"),
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
            KmsKeyArns = List(Optional(node, "kmsKeyArns") ?? string.Empty),
            SiloTlsEnabled = Boolean(Optional(node, "siloTlsEnabled") ?? "true", "siloTlsEnabled"),
            ClusterCertificateSecret = Optional(node, "clusterCertificateSecret"),
            EgressCidrBlocks = Optional(node, "egressCidrBlocks") is { } egress ? List(egress) : ["0.0.0.0/0"],
            EnableExecuteCommand = Boolean(Optional(node, "enableExecuteCommand") ?? "false", "enableExecuteCommand"),
            AssumableRoleArns = List(Optional(node, "assumableRoleArns") ?? string.Empty),
            LogRetentionDays = Integer(Optional(node, "logRetentionDays") ?? "30", "logRetentionDays"),
            ShutdownTimeoutSeconds = Integer(Optional(node, "shutdownTimeoutSeconds") ?? "30", "shutdownTimeoutSeconds"),
            HealthCheckGracePeriodSeconds = Integer(Optional(node, "healthCheckGracePeriodSeconds") ?? "60", "healthCheckGracePeriodSeconds"),
            Autoscaling = Optional(node, "autoscaling") is { } scaling ? Autoscaling(scaling) : null,
            Alarms = new McpServerAlarms
            {
                SnsTopicArn = Optional(node, "alarmSnsTopicArn"),
                Target5xxCount = Number(Optional(node, "alarmTarget5xxCount") ?? "10", "alarmTarget5xxCount"),
                TargetResponseTimeSeconds = Number(Optional(node, "alarmTargetResponseTimeSeconds") ?? "5", "alarmTargetResponseTimeSeconds"),
                CpuPercent = Number(Optional(node, "alarmCpuPercent") ?? "80", "alarmCpuPercent"),
                MemoryPercent = Number(Optional(node, "alarmMemoryPercent") ?? "80", "alarmMemoryPercent"),
                RoleAssumptionFailures = Number(Optional(node, "alarmRoleAssumptionFailures") ?? "5", "alarmRoleAssumptionFailures"),
            },
            WafWebAclArn = Optional(node, "wafWebAclArn"),
            EnableVpcEndpoints = Boolean(Optional(node, "enableVpcEndpoints") ?? "false", "enableVpcEndpoints"),
            PrivateRouteTableIds = List(Optional(node, "privateRouteTableIds") ?? string.Empty),
            OtelCollectorEnabled = Boolean(Optional(node, "otelCollectorEnabled") ?? "false", "otelCollectorEnabled"),
            OtelCollectorImage = Optional(node, "otelCollectorImage") ?? McpServerOtelCollector.DefaultImage,
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

    /// <summary>
    /// The <c>autoscaling</c> context value: a JSON object with the module's fields in camelCase, e.g.
    /// <c>{"minCapacity":2,"maxCapacity":8,"cpuTargetPercent":60,"requestsPerTarget":1000}</c>.
    /// </summary>
    private static McpServerAutoscaling Autoscaling(string value)
    {
        string[] known = ["minCapacity", "maxCapacity", "cpuTargetPercent", "requestsPerTarget"];
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(value);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ArgumentException($"CDK context autoscaling must be a JSON object such as {{\"minCapacity\":2,\"maxCapacity\":8,\"cpuTargetPercent\":60}}, not '{value}'.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"CDK context autoscaling must be a JSON object, not '{value}'.");
        }

        var unknown = root.EnumerateObject().Select(p => p.Name).Where(name => !known.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"CDK context autoscaling has unknown fields {string.Join(", ", unknown)}; the fields are {string.Join(", ", known)}.");
        }

        double Field(string name, double? fallback)
        {
            if (!root.TryGetProperty(name, out var field))
            {
                return fallback ?? throw new ArgumentException($"CDK context autoscaling needs {name}.");
            }

            return field.ValueKind == JsonValueKind.Number ? field.GetDouble()
                : field.ValueKind == JsonValueKind.String && double.TryParse(field.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new ArgumentException($"CDK context autoscaling.{name} must be a number.");
        }

        int WholeField(string name)
        {
            var number = Field(name, null);
            return number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
                ? (int)number
                : throw new ArgumentException($"CDK context autoscaling.{name} must be a whole number.");
        }

        return new McpServerAutoscaling
        {
            MinCapacity = WholeField("minCapacity"),
            MaxCapacity = WholeField("maxCapacity"),
            CpuTargetPercent = Field("cpuTargetPercent", null),
            RequestsPerTarget = Field("requestsPerTarget", 0),
        };
    }

    private static int Integer(string value, string key) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"CDK context {key} must be a whole number, not '{value}'.");

    private static double Number(string value, string key) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new ArgumentException($"CDK context {key} must be a number, not '{value}'.");

    private static bool Boolean(string value, string key) => value.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new ArgumentException($"CDK context {key} must be true or false, not '{value}'."),
    };
}
