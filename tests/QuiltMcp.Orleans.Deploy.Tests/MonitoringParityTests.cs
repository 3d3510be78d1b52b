using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// The alarms and the dashboard are the same in the Terraform module, the CloudFormation template and the CDK app:
/// names, metrics, statistics, periods, thresholds (inputs with the same defaults), missing-data handling, actions,
/// and one dashboard body.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed partial class MonitoringParityTests(CdkSynthesis cdk)
{
    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));

    private const string LoadBalancer = "app/sales-prod/0123456789abcdef";
    private const string TargetGroupName = "<AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName>";
    private const string ServiceName = "<AWS::ECS::Service.Name>";

    /// <summary>One single-metric alarm as every form must declare it.</summary>
    public sealed record ExpectedAlarm(
        string Resource, string Suffix, string Namespace, string Metric, string Statistic, int Period, int EvaluationPeriods,
        string? Variable, string? Parameter, double Default, double Custom, string MissingData, string DimensionsLocal, string[] Dimensions);

    private static readonly string[] TargetGroupDimensions = ["LoadBalancer", LoadBalancer, "TargetGroup", TargetGroupName];
    private static readonly string[] ServiceDimensions = ["ClusterName", "sales-prod", "ServiceName", ServiceName];

    private static readonly ExpectedAlarm[] SingleMetricAlarms =
    [
        new("target_5xx", "target-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", 60, 5,
            "alarm_target_5xx_count", "AlarmTarget5xxCount", 10, 25, "notBreaching", "${local.target_group_dimensions}", TargetGroupDimensions),
        new("target_response_time", "target-response-time", "AWS/ApplicationELB", "TargetResponseTime", "p99", 60, 5,
            "alarm_target_response_time_seconds", "AlarmTargetResponseTimeSeconds", 5, 2.5, "notBreaching", "${local.target_group_dimensions}", TargetGroupDimensions),
        new("unhealthy_targets", "unhealthy-targets", "AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", 60, 2,
            null, null, 0, 0, "notBreaching", "${local.target_group_dimensions}", TargetGroupDimensions),
        new("cpu", "cpu-high", "AWS/ECS", "CPUUtilization", "Average", 60, 5,
            "alarm_cpu_percent", "AlarmCpuPercent", 80, 70, "missing", "${local.service_dimensions}", ServiceDimensions),
        new("memory", "memory-high", "AWS/ECS", "MemoryUtilization", "Average", 60, 5,
            "alarm_memory_percent", "AlarmMemoryPercent", 80, 90, "missing", "${local.service_dimensions}", ServiceDimensions),
        new("role_assumption_failures", "role-assumption-failures", "QuiltMcp", "RoleAssumptionFailure", "Sum", 300, 1,
            "alarm_role_assumption_failures", "AlarmRoleAssumptionFailures", 5, 0, "notBreaching", "{\"Outcome\":\"failure\"}", ["Outcome", "failure"]),
    ];

    public static TheoryData<string> SingleMetricAlarmResources => [.. SingleMetricAlarms.Select(a => a.Resource)];

    private static JsonObject RenderedCloudFormation(IReadOnlyDictionary<string, string>? overrides = null) =>
        TemplateRenderer.Render(Templates.CloudFormation(), SampleInputs.CloudFormationParameters(overrides));

    private static JsonObject RenderedCdk(JsonObject synthesized) =>
        TemplateRenderer.Render(synthesized, new Dictionary<string, string> { ["AWS::Region"] = "us-east-1", ["AWS::AccountId"] = SampleInputs.Account });

    /// <summary>Every alarm of a rendered template by its name.</summary>
    private static Dictionary<string, JsonObject> Alarms(JsonObject rendered) =>
        Templates.OfType(rendered, "AWS::CloudWatch::Alarm")
            .Select(r => r.Resource["Properties"]!.AsObject())
            .ToDictionary(p => Json.Text(p["AlarmName"])!);

    private static string Scalar(JsonNode? node) => node is JsonValue ? Json.Text(node)! : node!.ToJsonString();

    [Fact]
    public async Task EveryFormHasTheSameSevenAlarmsAndOneDashboard()
    {
        var module = await Module.Value;
        string[] resources = ["cpu", "memory", "role_assumption_failures", "running_tasks", "target_5xx", "target_response_time", "unhealthy_targets"];
        Assert.Equal(resources, module.Resources["aws_cloudwatch_metric_alarm"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["this"], module.Resources["aws_cloudwatch_dashboard"].Keys);
        var names = module.Resources["aws_cloudwatch_metric_alarm"].Values.Select(a => Json.Text(a["alarm_name"])!.Replace("${var.name}", "quilt-mcp", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        foreach (var rendered in new[] { RenderedCloudFormation(), RenderedCdk(cdk.Default) })
        {
            Assert.Equal(names, Alarms(rendered).Keys.Order(StringComparer.Ordinal));
            var dashboard = Templates.Single(rendered, "AWS::CloudWatch::Dashboard");
            Assert.Equal("quilt-mcp", Json.Text(dashboard["DashboardName"]));
        }

        Assert.Equal("${var.name}", Json.Text(module.Resource("aws_cloudwatch_dashboard", "this")["dashboard_name"]));
    }

    [Theory]
    [MemberData(nameof(SingleMetricAlarmResources))]
    public async Task EachAlarmWatchesTheSameMetricWithTheSameStatisticPeriodAndThresholdInEveryForm(string resource)
    {
        var expected = SingleMetricAlarms.Single(a => a.Resource == resource);
        var module = await Module.Value;
        var isPercentile = expected.Statistic.StartsWith('p');

        // Terraform: the module's resource, its threshold input and that input's default.
        var tf = module.Resource("aws_cloudwatch_metric_alarm", resource);
        Assert.Equal("${var.name}-" + expected.Suffix, Json.Text(tf["alarm_name"]));
        Assert.Equal(expected.Namespace, Json.Text(tf["namespace"]));
        Assert.Equal(expected.Metric, Json.Text(tf["metric_name"]));
        Assert.Equal(expected.Statistic, Json.Text(tf[isPercentile ? "extended_statistic" : "statistic"]));
        Assert.Null(tf[isPercentile ? "statistic" : "extended_statistic"]);
        Assert.Equal(expected.Period, Json.Number(tf["period"]));
        Assert.Equal(expected.EvaluationPeriods, Json.Number(tf["evaluation_periods"]));
        Assert.Equal("GreaterThanThreshold", Json.Text(tf["comparison_operator"]));
        Assert.Equal(expected.MissingData, Json.Text(tf["treat_missing_data"]));
        Assert.Equal("${local.alarm_actions}", Json.Text(tf["alarm_actions"]));
        Assert.Equal("${local.alarm_actions}", Json.Text(tf["ok_actions"]));
        Assert.Equal(expected.DimensionsLocal, Scalar(tf["dimensions"]));
        if (expected.Variable is null)
        {
            Assert.Equal(expected.Default, Json.Number(tf["threshold"]));
        }
        else
        {
            Assert.Equal("${var." + expected.Variable + "}", Json.Text(tf["threshold"]));
            Assert.Equal(expected.Default, Json.Number(module.Variables[expected.Variable]["default"]));
            Assert.Equal(expected.Default, Json.Number(Templates.CloudFormation()["Parameters"]![expected.Parameter!]!["Default"]));
        }

        // CloudFormation and the CDK, rendered with the sample inputs and every alarm default: the same properties,
        // which are the expected ones with the concrete dimensions of the sample service.
        var cloudFormation = Alarms(RenderedCloudFormation())["quilt-mcp-" + expected.Suffix];
        var synthesized = Alarms(RenderedCdk(cdk.Default))["quilt-mcp-" + expected.Suffix];
        Assert.Equal(TemplateRenderer.Canonical(cloudFormation), TemplateRenderer.Canonical(synthesized));
        Assert.Equal(expected.Namespace, Json.Text(cloudFormation["Namespace"]));
        Assert.Equal(expected.Metric, Json.Text(cloudFormation["MetricName"]));
        Assert.Equal(expected.Statistic, Json.Text(cloudFormation[isPercentile ? "ExtendedStatistic" : "Statistic"]));
        Assert.Null(cloudFormation[isPercentile ? "Statistic" : "ExtendedStatistic"]);
        Assert.Equal(expected.Period, Json.Number(cloudFormation["Period"]));
        Assert.Equal(expected.EvaluationPeriods, Json.Number(cloudFormation["EvaluationPeriods"]));
        Assert.Equal(expected.Default, Json.Number(cloudFormation["Threshold"]));
        Assert.Equal("GreaterThanThreshold", Json.Text(cloudFormation["ComparisonOperator"]));
        Assert.Equal(expected.MissingData, Json.Text(cloudFormation["TreatMissingData"]));
        Assert.Equal(expected.Dimensions, Json.AsArray(cloudFormation["Dimensions"]).SelectMany(d => new[] { Json.Text(d!["Name"])!, Json.Text(d["Value"])! }));
        Assert.Contains("docs/operations.md", Json.Text(cloudFormation["AlarmDescription"]), StringComparison.Ordinal);

        // Without a topic the alarms exist and notify nobody.
        Assert.Empty(Json.AsArray(cloudFormation["AlarmActions"]));
        Assert.Empty(Json.AsArray(cloudFormation["OKActions"]));
    }

    [Fact]
    public async Task TheModulesDimensionsNameTheSameTargetGroupAndService()
    {
        var locals = (await Module.Value).Locals;
        Assert.Equal("{\"LoadBalancer\":\"${local.alb_arn_suffix}\",\"TargetGroup\":\"${aws_lb_target_group.this.arn_suffix}\"}", locals["target_group_dimensions"]!.ToJsonString());
        Assert.Equal("{\"ClusterName\":\"${local.ecs_cluster_name}\",\"ServiceName\":\"${aws_ecs_service.this.name}\"}", locals["service_dimensions"]!.ToJsonString());
        Assert.Equal("${element(split(\"/\", var.ecs_cluster_arn), 1)}", Json.Text(locals["ecs_cluster_name"]));
    }

    [Fact]
    public async Task RunningBelowDesiredIsDesiredMinusRunningFromContainerInsightsInEveryForm()
    {
        var tf = (await Module.Value).Resource("aws_cloudwatch_metric_alarm", "running_tasks");
        Assert.Equal("${var.name}-running-tasks", Json.Text(tf["alarm_name"]));
        Assert.Null(tf["metric_name"]);
        Assert.Equal(0, Json.Number(tf["threshold"]));
        Assert.Equal(5, Json.Number(tf["evaluation_periods"]));
        Assert.Equal("GreaterThanThreshold", Json.Text(tf["comparison_operator"]));
        Assert.Equal("missing", Json.Text(tf["treat_missing_data"]));
        Assert.Equal("${local.alarm_actions}", Json.Text(tf["ok_actions"]));
        var queries = Json.AsArray(tf["metric_query"]).ToDictionary(q => Json.Text(q!["id"])!);
        Assert.Equal(["shortfall", "desired", "running"], queries.Keys);
        Assert.Equal("desired - running", Json.Text(queries["shortfall"]!["expression"]));
        Assert.True(queries["shortfall"]!["return_data"]!.GetValue<bool>());
        foreach (var (id, metricName) in new[] { ("desired", "DesiredTaskCount"), ("running", "RunningTaskCount") })
        {
            var metric = Json.AsArray(queries[id]!["metric"]).Single()!;
            Assert.Equal("ECS/ContainerInsights", Json.Text(metric["namespace"]));
            Assert.Equal(metricName, Json.Text(metric["metric_name"]));
            Assert.Equal("Average", Json.Text(metric["stat"]));
            Assert.Equal(60, Json.Number(metric["period"]));
            Assert.Equal("${local.service_dimensions}", Json.Text(metric["dimensions"]));
        }

        var cloudFormation = Alarms(RenderedCloudFormation())["quilt-mcp-running-tasks"];
        var synthesized = Alarms(RenderedCdk(cdk.Default))["quilt-mcp-running-tasks"];
        Assert.Equal(TemplateRenderer.Canonical(cloudFormation), TemplateRenderer.Canonical(synthesized));
        Assert.Null(cloudFormation["MetricName"]);
        Assert.Equal(0, Json.Number(cloudFormation["Threshold"]));
        Assert.Equal(5, Json.Number(cloudFormation["EvaluationPeriods"]));
        Assert.Equal("missing", Json.Text(cloudFormation["TreatMissingData"]));
        var metrics = Json.AsArray(cloudFormation["Metrics"]).ToDictionary(q => Json.Text(q!["Id"])!);
        Assert.Equal(["shortfall", "desired", "running"], metrics.Keys);
        Assert.Equal("desired - running", Json.Text(metrics["shortfall"]!["Expression"]));
        Assert.True(metrics["shortfall"]!["ReturnData"]!.GetValue<bool>());
        foreach (var (id, metricName) in new[] { ("desired", "DesiredTaskCount"), ("running", "RunningTaskCount") })
        {
            Assert.False(metrics[id]!["ReturnData"]!.GetValue<bool>());
            var stat = metrics[id]!["MetricStat"]!;
            Assert.Equal("Average", Json.Text(stat["Stat"]));
            Assert.Equal(60, Json.Number(stat["Period"]));
            Assert.Equal("ECS/ContainerInsights", Json.Text(stat["Metric"]!["Namespace"]));
            Assert.Equal(metricName, Json.Text(stat["Metric"]!["MetricName"]));
            Assert.Equal(ServiceDimensions, Json.AsArray(stat["Metric"]!["Dimensions"]).SelectMany(d => new[] { Json.Text(d!["Name"])!, Json.Text(d["Value"])! }));
        }
    }

    [Fact]
    public async Task ThresholdInputsAndTheTopicReachEveryAlarmInEveryForm()
    {
        var cloudFormation = Alarms(RenderedCloudFormation(SampleInputs.MonitoringParameters));
        var synthesized = Alarms(RenderedCdk(cdk.WithMonitoringOptions));
        Assert.Equal(7, cloudFormation.Count);
        Assert.Equal(cloudFormation.Keys.Order(StringComparer.Ordinal), synthesized.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, alarm) in cloudFormation)
        {
            Assert.Equal(TemplateRenderer.Canonical(alarm), TemplateRenderer.Canonical(synthesized[name]));

            // A topic notifies on the way into ALARM and back to OK.
            Assert.Equal([SampleInputs.AlarmTopic], Json.AsArray(alarm["AlarmActions"]).Select(Json.Text));
            Assert.Equal([SampleInputs.AlarmTopic], Json.AsArray(alarm["OKActions"]).Select(Json.Text));
            Assert.Null(alarm["InsufficientDataActions"]);
        }

        foreach (var expected in SingleMetricAlarms)
        {
            Assert.Equal(expected.Custom, Json.Number(cloudFormation["quilt-mcp-" + expected.Suffix]["Threshold"]));
        }

        // The module: an empty topic is no action at all, a topic is the one action of both kinds.
        var module = await Module.Value;
        Assert.Equal("${var.alarm_sns_topic_arn == \"\" ? [] : [var.alarm_sns_topic_arn]}", Json.Text(module.Locals["alarm_actions"]));
        Assert.Equal(string.Empty, Json.Text(module.Variables["alarm_sns_topic_arn"]["default"]));
        Assert.Equal(string.Empty, Json.Text(Templates.CloudFormation()["Parameters"]!["AlarmSnsTopicArn"]!["Default"]));
        Assert.All(module.Resources["aws_cloudwatch_metric_alarm"].Values, alarm =>
        {
            Assert.Equal("${local.alarm_actions}", Json.Text(alarm["alarm_actions"]));
            Assert.Equal("${local.alarm_actions}", Json.Text(alarm["ok_actions"]));
        });
    }

    [Fact]
    public async Task TheTopicArnIsValidatedWithTheSamePatternEverywhere()
    {
        var tf = Assert.Single((await Module.Value).ValidationRegexes("alarm_sns_topic_arn"));
        Assert.Matches(tf, string.Empty);
        Assert.Matches(tf, SampleInputs.AlarmTopic);
        Assert.Matches(tf, SampleInputs.AlarmTopic + ".fifo");
        Assert.DoesNotMatch(tf, "arn:aws:sqs:us-east-1:123456789012:quilt-mcp-alarms");
        Assert.DoesNotMatch(tf, "quilt-mcp-alarms");
        Assert.Equal(tf.ToString(), Json.Text(Templates.CloudFormation()["Parameters"]!["AlarmSnsTopicArn"]!["AllowedPattern"]));
        var cdkSource = await File.ReadAllTextAsync(Path.Combine(CdkSynthesis.ProjectDirectory, "McpServerPropsValidator.cs"));
        Assert.Contains($"[GeneratedRegex(@\"{tf.ToString()["^$|".Length..]}\")]", cdkSource);
    }

    [Fact]
    public async Task CdkRejectsBadAlarmInputsBeforeSynthesizing()
    {
        var context = new Dictionary<string, string>(SampleInputs.Context)
        {
            ["alarmSnsTopicArn"] = "arn:aws:sqs:us-east-1:123456789012:quilt-mcp-alarms",
            ["alarmCpuPercent"] = "120",
            ["alarmTargetResponseTimeSeconds"] = "0",
        };
        var result = await cdk.RunSynthAsync("bad-alarms", context);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("alarmSnsTopicArn must be an SNS topic ARN", result.Combined, StringComparison.Ordinal);
        Assert.Contains("alarmCpuPercent must be above 0 and at most 100", result.Combined, StringComparison.Ordinal);
        Assert.Contains("alarmTargetResponseTimeSeconds must be above 0", result.Combined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardBodyIsTheSameJsonInEveryForm()
    {
        // Terraform renders the module's template with these five values; they are what the sample inputs give.
        var module = await Module.Value;
        var call = WhitespaceRuns().Replace(Json.Text(module.Resource("aws_cloudwatch_dashboard", "this")["dashboard_body"])!, " ");
        Assert.StartsWith("${templatefile(\"${path.module}/dashboard.json.tftpl\", {", call, StringComparison.Ordinal);
        var bindings = new Dictionary<string, (string Expression, string Value)>
        {
            ["Region"] = ("var.aws_region", "us-east-1"),
            ["LoadBalancer"] = ("local.alb_arn_suffix", LoadBalancer),
            ["TargetGroup"] = ("aws_lb_target_group.this.arn_suffix", TargetGroupName),
            ["Cluster"] = ("local.ecs_cluster_name", "sales-prod"),
            ["Service"] = ("aws_ecs_service.this.name", ServiceName),
        };
        foreach (var (name, (expression, _)) in bindings)
        {
            Assert.Contains($" {name} = {expression} ", call, StringComparison.Ordinal);
        }

        var template = await File.ReadAllTextAsync(Path.Combine(TerraformConfiguration.ModuleDirectory, "dashboard.json.tftpl"));
        Assert.Equal(bindings.Keys.Order(StringComparer.Ordinal), TemplateVariables().Matches(template).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
        var terraformBody = TemplateVariables().Replace(template, m => bindings[m.Groups[1].Value].Value);

        var cloudFormationBody = Json.Text(Templates.Single(RenderedCloudFormation(), "AWS::CloudWatch::Dashboard")["DashboardBody"])!;
        var cdkBody = Json.Text(Templates.Single(RenderedCdk(cdk.Default), "AWS::CloudWatch::Dashboard")["DashboardBody"])!;
        var expected = TemplateRenderer.Canonical(JsonNode.Parse(terraformBody));
        Assert.Equal(expected, TemplateRenderer.Canonical(JsonNode.Parse(cloudFormationBody)));
        Assert.Equal(expected, TemplateRenderer.Canonical(JsonNode.Parse(cdkBody)));
        Assert.DoesNotContain("${", cloudFormationBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardShowsEveryAlarmsMetricAndTheToolMetricsTheServerEmits()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(TerraformConfiguration.ModuleDirectory, "dashboard.json.tftpl"));
        var widgets = Json.AsArray(JsonNode.Parse(template)!["widgets"]).Select(w => w!["properties"]!).ToList();
        var lines = widgets.SelectMany(w => Json.AsArray(w["metrics"])).Select(m => m!.AsArray()).ToList();
        var shown = lines.Select(m => (Namespace: Json.Text(m[0])!, Metric: Json.Text(m[1])!)).ToHashSet();
        Assert.All(widgets, w => Assert.Equal("${Region}", Json.Text(w["region"])));

        // Every alarm's metric.
        foreach (var alarm in SingleMetricAlarms)
        {
            Assert.Contains((alarm.Namespace, alarm.Metric), shown);
        }

        Assert.Contains(("ECS/ContainerInsights", "RunningTaskCount"), shown);
        Assert.Contains(("ECS/ContainerInsights", "DesiredTaskCount"), shown);

        // The role-assumption metrics exactly as the server's EMF lines name them: namespace, metric, Outcome dimension.
        var emf = EmbeddedMetricLines();
        foreach (var line in emf)
        {
            var declaration = line["_aws"]!["CloudWatchMetrics"]![0]!;
            var metric = Json.Text(declaration["Metrics"]![0]!["Name"])!;
            var outcome = Json.Text(line["Outcome"])!;
            Assert.Contains(lines, m => Json.Text(m[0]) == Json.Text(declaration["Namespace"]) && Json.Text(m[1]) == metric
                && m.Count >= 4 && Json.Text(m[2]) == "Outcome" && Json.Text(m[3]) == outcome);
            Assert.Contains(Json.AsArray(declaration["Dimensions"]), d => d!.ToJsonString() == "[\"Outcome\"]");
        }

        Assert.Equal(["RoleAssumptionFailure", "RoleAssumptionSuccess"], emf.Select(l => Json.Text(l["_aws"]!["CloudWatchMetrics"]![0]!["Metrics"]![0]!["Name"])!).Order(StringComparer.Ordinal));

        // Tool calls and latency under the names of the server's own instruments, in its metric namespace.
        var instruments = ToolInstrumentNames();
        Assert.Equal(["quilt_mcp.tool.calls", "quilt_mcp.tool.duration"], instruments);
        Assert.Equal("QuiltMcp", new TelemetryOptions().MetricNamespace);
        foreach (var instrument in instruments)
        {
            Assert.Contains(("QuiltMcp", instrument), shown);
        }

        var latency = lines.Where(m => Json.Text(m[1]) == "quilt_mcp.tool.duration").Select(m => Json.Text(m[^1]!["stat"])).ToList();
        Assert.Equal(["Average", "Maximum"], latency);
    }

    /// <summary>One success and one failure line from the server's real EMF writer.</summary>
    private static List<JsonNode> EmbeddedMetricLines()
    {
        using var output = new StringWriter();
        EmbeddedMetricWriter writer;
        var original = Console.Out;
        // The writer takes Console.Out when it is built, so the redirection lasts only for the constructor.
        Console.SetOut(output);
        try
        {
            writer = new EmbeddedMetricWriter(Options.Create(new TelemetryOptions()), Options.Create(new ServerOptions()), TimeProvider.System);
        }
        finally
        {
            Console.SetOut(original);
        }

        writer.WriteRoleAssumption(succeeded: true, errorCode: null, TimeSpan.FromMilliseconds(12));
        writer.WriteRoleAssumption(succeeded: false, errorCode: "AccessDenied", TimeSpan.FromMilliseconds(30));
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{') && line.Contains("\"_aws\"", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line)!)];
    }

    /// <summary>The names of the instruments a real <see cref="QuiltMcpMetrics"/> records a tool call on.</summary>
    private static List<string> ToolInstrumentNames()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new QuiltMcpMetrics(services.GetRequiredService<IMeterFactory>());
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var recorded = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == QuiltMcpMetrics.MeterName && instrument.Meter.Scope == meterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => { lock (recorded) { recorded.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (recorded) { recorded.Add(instrument.Name); } });
        listener.Start();
        metrics.RecordToolCall("bucket_objects_list", succeeded: true, TimeSpan.FromMilliseconds(8));
        return [.. recorded.Distinct().Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRuns();

    [GeneratedRegex(@"\$\{([A-Za-z]+)\}")]
    private static partial Regex TemplateVariables();
}
