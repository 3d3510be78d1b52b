using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// The optional ADOT collector sidecar in the three forms: off by default with nothing of it in the task; when on, the
/// same non-essential sidecar, the same collector configuration (an OTLP receiver on loopback, X-Ray for traces, EMF
/// metrics under the namespace the dashboard reads), the server pointed at it and started after it, and task-role
/// statements for exactly what the collector sends.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class OtelCollectorIacTests(CdkSynthesis cdk)
{
    private const string Sidecar = "aws-otel-collector";
    private const string DefaultImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0";
    private const string LogGroupName = "<AWS::Logs::LogGroup>";
    private static readonly string[] OtelVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME"];
    private static readonly string[] CollectorStatements = ["OtelCollectorMetrics", "OtelCollectorTraces"];

    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));
    private static readonly SemaphoreSlim SynthLock = new(1, 1);
    private static JsonObject? _enabledSynth;

    public static TheoryData<string> Forms => new() { "cloudformation", "cdk" };

    [Fact]
    public async Task TheCollectorIsOffByDefaultAndLeavesNothingInTheTask()
    {
        var module = await Module.Value;
        Assert.False(module.Variables["otel_collector_enabled"]["default"]!.GetValue<bool>());
        Assert.Equal("false", Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["EnableOtelCollector"]!["Default"]));

        foreach (var rendered in new[] { RenderedCloudFormation(enabled: false), RenderedCdk(cdk.Default) })
        {
            Assert.Equal(["quilt-mcp"], Infrastructure.Templates.ContainerNames(rendered));
            var app = Infrastructure.Templates.Container(rendered);
            Assert.Empty(Environment(app).Keys.Intersect(OtelVariables));
            Assert.Null(app["DependsOn"]);
            Assert.Empty(Infrastructure.Templates.Statements(rendered, "TaskRole").Select(s => Json.Text(s["Sid"])).Intersect(CollectorStatements));
            Assert.DoesNotContain("AOT_CONFIG_CONTENT", rendered.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task WhenOnTheSidecarIsANonEssentialPinnedContainerLoggingToTheTasksGroup(string form)
    {
        var rendered = await Enabled(form);
        Assert.Equal(["quilt-mcp", Sidecar], Infrastructure.Templates.ContainerNames(rendered));
        var sidecar = Infrastructure.Templates.Container(rendered, Sidecar)!;

        Assert.Equal(DefaultImage, Json.Text(sidecar["Image"]));
        Assert.Equal("false", Json.Text(sidecar["Essential"]));
        Assert.Equal("64", Json.Text(sidecar["Cpu"]));
        Assert.Equal("128", Json.Text(sidecar["Memory"]));
        Assert.Null(sidecar["PortMappings"]); // reachable on the task's loopback only
        Assert.Equal(["AOT_CONFIG_CONTENT"], Environment(sidecar).Keys);

        var logs = sidecar["LogConfiguration"]!;
        var appLogs = Infrastructure.Templates.Container(rendered)["LogConfiguration"]!;
        Assert.Equal("awslogs", Json.Text(logs["LogDriver"]));
        Assert.Equal(Json.Text(appLogs["Options"]!["awslogs-group"]), Json.Text(logs["Options"]!["awslogs-group"]));
        Assert.Equal(LogGroupName, Json.Text(logs["Options"]!["awslogs-group"]));
        Assert.Equal("us-east-1", Json.Text(logs["Options"]!["awslogs-region"]));
        Assert.Equal("otel-collector", Json.Text(logs["Options"]!["awslogs-stream-prefix"]));
        Assert.NotEqual(Json.Text(appLogs["Options"]!["awslogs-stream-prefix"]), Json.Text(logs["Options"]!["awslogs-stream-prefix"]));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task TheCollectorReceivesOnLoopbackAndSendsTracesToXRayAndMetricsUnderTheDashboardsNamespace(string form)
    {
        var rendered = await Enabled(form);
        var config = Configuration(rendered);

        Assert.Equal("127.0.0.1:4318", Json.Text(config["receivers"]!["otlp"]!["protocols"]!["http"]!["endpoint"]));
        Assert.Null(config["receivers"]!["otlp"]!["protocols"]!["grpc"]);

        var emf = config["exporters"]!["awsemf"]!;
        Assert.Equal("QuiltMcp", Json.Text(emf["namespace"]));
        Assert.Equal(LogGroupName, Json.Text(emf["log_group_name"]));
        Assert.Equal("ZeroAndSingleDimensionRollup", Json.Text(emf["dimension_rollup_option"]));
        Assert.Equal("false", Json.Text(emf["resource_to_telemetry_conversion"]!["enabled"]));
        Assert.NotNull(config["exporters"]!["awsxray"]);

        var pipelines = config["service"]!["pipelines"]!.AsObject();
        Assert.Equal(["metrics", "traces"], pipelines.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("[\"awsxray\"]", pipelines["traces"]!["exporters"]!.ToJsonString());
        Assert.Equal("[\"awsemf\"]", pipelines["metrics"]!["exporters"]!.ToJsonString());
        foreach (var (_, pipeline) in pipelines)
        {
            Assert.Equal("[\"otlp\"]", pipeline!["receivers"]!.ToJsonString());
            Assert.All(Json.AsArray(pipeline["processors"]), p => Assert.NotNull(config["processors"]![Json.Text(p)!]));
        }

        // The dashboard's tool widgets read the namespace the exporter writes.
        var dashboard = JsonNode.Parse(Json.Text(Infrastructure.Templates.Single(rendered, "AWS::CloudWatch::Dashboard")["DashboardBody"])!)!;
        var toolLines = Json.AsArray(dashboard["widgets"]).SelectMany(w => Json.AsArray(w!["properties"]!["metrics"]))
            .Where(m => Json.Text(m![1])!.StartsWith("quilt_mcp.tool.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toolLines);
        Assert.All(toolLines, line => Assert.Equal(Json.Text(emf["namespace"]), Json.Text(line![0])));

        // awsemf names the meter in the dimension OTelLib on every metric; ZeroAndSingleDimensionRollup adds the set
        // holding that dimension alone, which is what the widgets read (every tool and outcome together).
        Assert.All(toolLines, line => Assert.Equal(
            ["OTelLib", QuiltMcp.Orleans.Api.Telemetry.QuiltMcpMetrics.MeterName],
            line!.AsArray().Skip(2).Where(part => part is JsonValue).Select(Json.Text)));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task TheServerExportsToTheCollectorOverOtlpHttpAndStartsAfterIt(string form)
    {
        var rendered = await Enabled(form);
        var app = Infrastructure.Templates.Container(rendered);
        var environment = Environment(app);
        var endpoint = Json.Text(Configuration(rendered)["receivers"]!["otlp"]!["protocols"]!["http"]!["endpoint"]);

        Assert.Equal("http://" + endpoint, environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("quilt-mcp", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("{\"Condition\":\"START\",\"ContainerName\":\"aws-otel-collector\"}", TemplateRenderer.Canonical(app["DependsOn"]));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task TheTaskRoleMayPutTracesAndWriteOnlyToItsOwnLogGroup(string form)
    {
        var rendered = await Enabled(form);
        var statements = Infrastructure.Templates.Statements(rendered, "TaskRole");

        var traces = Assert.Single(statements, s => Json.Text(s["Sid"]) == "OtelCollectorTraces");
        Assert.Equal(["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            Infrastructure.Templates.Actions(traces).Order(StringComparer.Ordinal));
        Assert.Equal(["*"], Json.AsArray(traces["Resource"]).Select(Json.Text));

        var metrics = Assert.Single(statements, s => Json.Text(s["Sid"]) == "OtelCollectorMetrics");
        Assert.Equal(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Infrastructure.Templates.Actions(metrics).Order(StringComparer.Ordinal));
        Assert.Equal(["<AWS::Logs::LogGroup.Arn>:*"], Json.AsArray(metrics["Resource"]).Select(Json.Text));
        Assert.Equal("Allow", Json.Text(metrics["Effect"]));
        Assert.Equal("Allow", Json.Text(traces["Effect"]));

        // Nothing of it on the execution role, which pulls images and reads secrets only.
        Assert.DoesNotContain(Infrastructure.Templates.Statements(rendered, "ExecutionRole").SelectMany(Infrastructure.Templates.Actions), a => a.StartsWith("xray:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloudFormationAndTheCdkRunTheSameSidecarWithTheSameConfiguration()
    {
        var cloudFormation = RenderedCloudFormation(enabled: true);
        var synthesized = await Enabled("cdk");

        Assert.Equal(TemplateRenderer.Canonical(Configuration(cloudFormation)), TemplateRenderer.Canonical(Configuration(synthesized)));
        Assert.Equal(TemplateRenderer.Canonical(WithoutConfiguration(cloudFormation)), TemplateRenderer.Canonical(WithoutConfiguration(synthesized)));
        Assert.Equal(TemplateRenderer.Canonical(Infrastructure.Templates.Container(cloudFormation)["DependsOn"]), TemplateRenderer.Canonical(Infrastructure.Templates.Container(synthesized)["DependsOn"]));
        Assert.Equal(
            TemplateRenderer.Canonical(new JsonArray([.. OtelVariables.Select(v => (JsonNode?)Environment(Infrastructure.Templates.Container(cloudFormation))[v])])),
            TemplateRenderer.Canonical(new JsonArray([.. OtelVariables.Select(v => (JsonNode?)Environment(Infrastructure.Templates.Container(synthesized))[v])])));
        Assert.Equal(CollectorPermissions(cloudFormation), CollectorPermissions(synthesized));
    }

    [Fact]
    public async Task TerraformBuildsTheSameSidecarConfigurationAndPermissionsOnlyWhenEnabled()
    {
        var module = await Module.Value;
        var locals = module.Locals;
        Assert.Equal(DefaultImage, Json.Text(module.Variables["otel_collector_image"]["default"]));

        // The configuration object, with the log group the way Terraform names it, is the one the other forms render.
        var config = JsonNode.Parse(locals["otel_collector_config"]!.ToJsonString()!.Replace("${aws_cloudwatch_log_group.this.name}", LogGroupName, StringComparison.Ordinal));
        Assert.Equal(TemplateRenderer.Canonical(Configuration(RenderedCloudFormation(enabled: true))), TemplateRenderer.Canonical(config));

        var sidecar = locals["otel_collector_container"]!;
        Assert.Equal("${local.otel_collector_name}", Json.Text(sidecar["name"]));
        Assert.Equal(Sidecar, Json.Text(locals["otel_collector_name"]));
        Assert.Equal("${var.otel_collector_image}", Json.Text(sidecar["image"]));
        Assert.Equal("false", Json.Text(sidecar["essential"]));
        Assert.Equal("64", Json.Text(sidecar["cpu"]));
        Assert.Equal("128", Json.Text(sidecar["memory"]));
        Assert.Equal("AOT_CONFIG_CONTENT", Json.Text(sidecar["environment"]![0]!["name"]));
        Assert.Equal("${jsonencode(local.otel_collector_config)}", Json.Text(sidecar["environment"]![0]!["value"]));
        Assert.Equal("${aws_cloudwatch_log_group.this.name}", Json.Text(sidecar["logConfiguration"]!["options"]!["awslogs-group"]));
        Assert.Equal("otel-collector", Json.Text(sidecar["logConfiguration"]!["options"]!["awslogs-stream-prefix"]));
        Assert.Equal("${var.otel_collector_enabled ? [local.otel_collector_container] : []}", Json.Text(locals["otel_collector_containers"]));

        var environment = locals["otel_app_environment"]!;
        Assert.Equal("http://127.0.0.1:4318", Json.Text(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        Assert.Equal("http/protobuf", Json.Text(environment["OTEL_EXPORTER_OTLP_PROTOCOL"]));
        Assert.Equal("${var.name}", Json.Text(environment["OTEL_SERVICE_NAME"]));
        Assert.Equal(OtelVariables, environment.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("${var.otel_collector_enabled ? local.otel_app_environment : {}}", Json.Text(locals["otel_environment"]));
        Assert.Contains("local.otel_environment", Json.Text(locals["container_environment"]));
        Assert.Equal(
            "${var.otel_collector_enabled ? { dependsOn = [{ containerName = local.otel_collector_name, condition = \"START\" }] } : {}}",
            Json.Text(locals["otel_app_settings"]));

        var task = Json.AsArray(module.DataSource("aws_iam_policy_document", "task")["dynamic"]?["statement"]);
        var traces = task.Single(s => Json.Text(s!["content"]![0]!["sid"]) == "OtelCollectorTraces")!;
        var metrics = task.Single(s => Json.Text(s!["content"]![0]!["sid"]) == "OtelCollectorMetrics")!;
        Assert.All([traces, metrics], s => Assert.Equal("${var.otel_collector_enabled ? [1] : []}", Json.Text(s["for_each"])));
        Assert.Equal("[\"xray:PutTraceSegments\",\"xray:PutTelemetryRecords\",\"xray:GetSamplingRules\",\"xray:GetSamplingTargets\"]", traces["content"]![0]!["actions"]!.ToJsonString());
        Assert.Equal("[\"*\"]", traces["content"]![0]!["resources"]!.ToJsonString());
        Assert.Equal("[\"logs:PutLogEvents\",\"logs:CreateLogStream\",\"logs:DescribeLogStreams\"]", metrics["content"]![0]!["actions"]!.ToJsonString());
        Assert.Equal("[\"${aws_cloudwatch_log_group.this.arn}:*\"]", metrics["content"]![0]!["resources"]!.ToJsonString());
    }

    [Fact]
    public async Task ExtraEnvironmentCannotOverrideTheCollectorEndpointWhileTheSidecarRunsInTerraform()
    {
        // While the sidecar is off, extra_environment may point the server at a collector of the operator's own.
        var task = (await Module.Value).Resource("aws_ecs_task_definition", "this").ToJsonString();
        Assert.Contains("keys(merge(local.managed_environment, local.otel_environment))", task, StringComparison.Ordinal);
    }

    private async Task<JsonObject> Enabled(string form)
    {
        if (form == "cloudformation")
        {
            return RenderedCloudFormation(enabled: true);
        }

        await SynthLock.WaitAsync();
        try
        {
            _enabledSynth ??= await cdk.SynthesizeAsync("otel-collector", new Dictionary<string, string>(SampleInputs.Context) { ["otelCollectorEnabled"] = "true" });
            return RenderedCdk(_enabledSynth);
        }
        finally
        {
            SynthLock.Release();
        }
    }

    private static JsonObject RenderedCloudFormation(bool enabled) =>
        TemplateRenderer.Render(Infrastructure.Templates.CloudFormation(),
            SampleInputs.CloudFormationParameters(enabled ? new Dictionary<string, string> { ["EnableOtelCollector"] = "true" } : null));

    private static JsonObject RenderedCdk(JsonObject synthesized) =>
        TemplateRenderer.Render(synthesized, new Dictionary<string, string> { ["AWS::Region"] = "us-east-1", ["AWS::AccountId"] = SampleInputs.Account });

    private static Dictionary<string, string?> Environment(JsonObject container) =>
        Json.AsArray(container["Environment"]).ToDictionary(e => Json.Text(e!["Name"])!, e => Json.Text(e!["Value"]));

    /// <summary>
    /// The collector's configuration as ADOT reads it from AOT_CONFIG_CONTENT: YAML, of which JSON is a subset, so
    /// the JSON parser reads exactly what the collector's YAML loader does.
    /// </summary>
    private static JsonObject Configuration(JsonObject rendered) =>
        JsonNode.Parse(Environment(Infrastructure.Templates.Container(rendered, Sidecar)!)["AOT_CONFIG_CONTENT"]!)!.AsObject();

    private static JsonObject WithoutConfiguration(JsonObject rendered)
    {
        var sidecar = Infrastructure.Templates.Container(rendered, Sidecar)!.DeepClone().AsObject();
        sidecar.Remove("Environment");
        return sidecar;
    }

    private static string CollectorPermissions(JsonObject rendered) =>
        string.Join('\n', Infrastructure.Templates.Statements(rendered, "TaskRole")
            .Where(s => CollectorStatements.Contains(Json.Text(s["Sid"])))
            .OrderBy(s => Json.Text(s["Sid"]), StringComparer.Ordinal)
            .Select(TemplateRenderer.Canonical));
}
