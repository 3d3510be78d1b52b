using System.Text.Json.Nodes;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// The optional AWS Distro for OpenTelemetry collector sidecar (the module's otel_collector.tf): its container, the
/// configuration it is given, what the server is told to reach it, and the task-role statements it needs.
/// </summary>
public static class McpServerOtelCollector
{
    public const string ContainerName = "aws-otel-collector";

    public const string DefaultImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0";

    /// <summary>The CloudWatch namespace the dashboard's tool widgets read.</summary>
    public const string MetricsNamespace = "QuiltMcp";

    private const string Endpoint = "127.0.0.1:4318";

    /// <summary>What the server is told while the sidecar runs (docs/operations.md, Telemetry).</summary>
    public static IEnumerable<(string Name, string Value)> AppEnvironment(McpServerProps props) =>
    [
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + Endpoint),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_SERVICE_NAME", props.Name),
    ];

    /// <summary>The collector starts first, so the server's first spans have somewhere to go.</summary>
    public static object[] AppDependsOn() =>
        [new CfnTaskDefinition.ContainerDependencyProperty { ContainerName = ContainerName, Condition = "START" }];

    /// <summary>
    /// Not essential: a collector that stops loses telemetry, never the service. The hard memory limit keeps a
    /// misbehaving collector from taking the server's memory.
    /// </summary>
    public static CfnTaskDefinition.ContainerDefinitionProperty Container(McpServerProps props, string logGroupName, string region) => new()
    {
        Name = ContainerName,
        Image = props.OtelCollectorImage,
        Essential = false,
        Cpu = 64,
        Memory = 128,
        Environment = new object[] { new CfnTaskDefinition.KeyValuePairProperty { Name = "AOT_CONFIG_CONTENT", Value = Configuration(logGroupName) } },
        LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty
        {
            LogDriver = "awslogs",
            Options = new Dictionary<string, string>
            {
                ["awslogs-group"] = logGroupName,
                ["awslogs-region"] = region,
                ["awslogs-stream-prefix"] = "otel-collector",
            },
        },
    };

    /// <summary>
    /// Our collector configuration, handed to the ADOT image through AOT_CONFIG_CONTENT. The receiver listens on
    /// loopback only (the containers share the task's network namespace); awsemf writes EMF lines into the task's log
    /// group so CloudWatch files them under <see cref="MetricsNamespace"/>; resource attributes stay out of the
    /// dimensions, which would otherwise make one metric per task.
    /// </summary>
    public static string Configuration(string logGroupName)
    {
        static JsonArray Names(params string[] names) => [.. names.Select(n => (JsonNode)JsonValue.Create(n))];
        JsonObject Pipeline(string exporter) => new()
        {
            ["receivers"] = Names("otlp"),
            ["processors"] = Names("resourcedetection", "batch"),
            ["exporters"] = Names(exporter),
        };

        return new JsonObject
        {
            ["receivers"] = new JsonObject { ["otlp"] = new JsonObject { ["protocols"] = new JsonObject { ["http"] = new JsonObject { ["endpoint"] = Endpoint } } } },
            ["processors"] = new JsonObject { ["resourcedetection"] = new JsonObject { ["detectors"] = Names("env", "ecs") }, ["batch"] = new JsonObject() },
            ["exporters"] = new JsonObject
            {
                ["awsemf"] = new JsonObject
                {
                    ["namespace"] = MetricsNamespace,
                    ["log_group_name"] = logGroupName,
                    ["log_stream_name"] = "otel-metrics/{TaskId}",
                    ["dimension_rollup_option"] = "ZeroAndSingleDimensionRollup",
                    ["resource_to_telemetry_conversion"] = new JsonObject { ["enabled"] = false },
                },
                ["awsxray"] = new JsonObject(),
            },
            ["service"] = new JsonObject { ["pipelines"] = new JsonObject { ["traces"] = Pipeline("awsxray"), ["metrics"] = Pipeline("awsemf") } },
        }.ToJsonString();
    }

    /// <summary>Traces to X-Ray (which has no resource-level permissions for these) and EMF lines into the task's own log group.</summary>
    public static IEnumerable<PolicyStatement> TaskStatements(string logGroupArn) =>
    [
        new(new PolicyStatementProps
        {
            Sid = "OtelCollectorTraces",
            Effect = Effect.ALLOW,
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
            Resources = ["*"],
        }),
        new(new PolicyStatementProps
        {
            Sid = "OtelCollectorMetrics",
            Effect = Effect.ALLOW,
            Actions = ["logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams"],
            Resources = [$"{logGroupArn}:*"],
        }),
    ];
}
