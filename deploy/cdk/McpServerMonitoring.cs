using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// The service's CloudWatch alarms and dashboard: the same names, metrics, statistics, periods, thresholds,
/// actions and dashboard body as deploy/terraform/modules/mcp_server/monitoring.tf (the deployment tests keep
/// them equal). L1 constructs, like the rest of the app, so the template says exactly what the module says.
/// </summary>
public sealed class McpServerMonitoring : Construct
{
    private const string LoadBalancerNamespace = "AWS/ApplicationELB";
    private const string ServiceNamespace = "AWS/ECS";
    private const string ContainerInsightsNamespace = "ECS/ContainerInsights";

    /// <summary>The namespace of the server's EMF lines (Telemetry:MetricNamespace's default) and of its exported meter.</summary>
    private const string ApplicationNamespace = "QuiltMcp";

    /// <summary>
    /// The server's meter. The collector's awsemf exporter adds its name as the dimension OTelLib to every metric, and
    /// its zero-dimension rollup is that dimension alone: the tool widgets read that rollup (all tools, all outcomes).
    /// </summary>
    private const string MeterName = "QuiltMcp";

    private readonly McpServerProps _props;
    private readonly string[] _actions;

    public McpServerMonitoring(Construct scope, string id, McpServerProps props, CfnTargetGroup targetGroup, CfnService service)
        : base(scope, id)
    {
        _props = props;
        // Notify on the way into ALARM and back to OK, or nobody when no topic is given.
        _actions = props.Alarms.SnsTopicArn is { } topic ? [topic] : [];

        // app/<lb>/<id> is inside the listener ARN (listener/app/<lb>/<id>/<listener id>).
        var loadBalancer = string.Join('/', props.AlbListenerArn.Split(':')[5].Split('/')[1..4]);
        var clusterName = props.EcsClusterArn.Split('/')[1];
        var targetGroupDimensions = new[] { Dimension("LoadBalancer", loadBalancer), Dimension("TargetGroup", targetGroup.AttrTargetGroupFullName) };
        var serviceDimensions = new[] { Dimension("ClusterName", clusterName), Dimension("ServiceName", service.AttrName) };

        Alarm("Target5xxAlarm", "target-5xx", "quilt-mcp tasks answer 5xx responses.", LoadBalancerNamespace, "HTTPCode_Target_5XX_Count",
            targetGroupDimensions, "Sum", 60, 5, props.Alarms.Target5xxCount, "notBreaching");
        Alarm("TargetResponseTimeAlarm", "target-response-time", "The slowest 1 % of quilt-mcp responses are slow.", LoadBalancerNamespace, "TargetResponseTime",
            targetGroupDimensions, "p99", 60, 5, props.Alarms.TargetResponseTimeSeconds, "notBreaching");
        Alarm("UnhealthyTargetsAlarm", "unhealthy-targets", "A quilt-mcp task fails the load balancer health check.", LoadBalancerNamespace, "UnHealthyHostCount",
            targetGroupDimensions, "Maximum", 60, 2, 0, "notBreaching");
        RunningTasksAlarm(serviceDimensions);
        Alarm("CpuAlarm", "cpu-high", "quilt-mcp tasks use most of their CPU.", ServiceNamespace, "CPUUtilization",
            serviceDimensions, "Average", 60, 5, props.Alarms.CpuPercent, "missing");
        Alarm("MemoryAlarm", "memory-high", "quilt-mcp tasks use most of their memory.", ServiceNamespace, "MemoryUtilization",
            serviceDimensions, "Average", 60, 5, props.Alarms.MemoryPercent, "missing");
        // Failed AssumeRole calls, from the server's Embedded Metric Format lines.
        Alarm("RoleAssumptionFailuresAlarm", "role-assumption-failures", "STS refuses to let quilt-mcp assume users' roles.", ApplicationNamespace, "RoleAssumptionFailure",
            [Dimension("Outcome", "failure")], "Sum", 300, 1, props.Alarms.RoleAssumptionFailures, "notBreaching");

        _ = new CfnDashboard(this, "Dashboard", new CfnDashboardProps
        {
            DashboardName = props.Name,
            DashboardBody = DashboardBody(Stack.Of(this).Region, loadBalancer, targetGroup.AttrTargetGroupFullName, clusterName, service.AttrName),
        });
    }

    private static CfnAlarm.DimensionProperty Dimension(string name, string value) => new() { Name = name, Value = value };

    private void Alarm(string id, string suffix, string description, string metricNamespace, string metricName, CfnAlarm.DimensionProperty[] dimensions,
        string statistic, int period, int evaluationPeriods, double threshold, string missingData)
    {
        // Percentiles go in ExtendedStatistic, the plain statistics in Statistic.
        var percentile = statistic.StartsWith('p');
        _ = new CfnAlarm(this, id, new CfnAlarmProps
        {
            AlarmName = $"{_props.Name}-{suffix}",
            AlarmDescription = description + " See Alarms in docs/operations.md.",
            Namespace = metricNamespace,
            MetricName = metricName,
            Dimensions = dimensions,
            Statistic = percentile ? null : statistic,
            ExtendedStatistic = percentile ? statistic : null,
            Period = period,
            EvaluationPeriods = evaluationPeriods,
            Threshold = threshold,
            ComparisonOperator = "GreaterThanThreshold",
            TreatMissingData = missingData,
            AlarmActions = _actions,
            OkActions = _actions,
        });
    }

    /// <summary>
    /// Desired minus running tasks above zero for 5 minutes. Both counts exist only with Container Insights on the
    /// cluster; without it the alarm stays INSUFFICIENT_DATA.
    /// </summary>
    private void RunningTasksAlarm(CfnAlarm.DimensionProperty[] serviceDimensions)
    {
        CfnAlarm.MetricDataQueryProperty Count(string id, string metricName) => new()
        {
            Id = id,
            ReturnData = false,
            MetricStat = new CfnAlarm.MetricStatProperty
            {
                Period = 60,
                Stat = "Average",
                Metric = new CfnAlarm.MetricProperty { Namespace = ContainerInsightsNamespace, MetricName = metricName, Dimensions = serviceDimensions },
            },
        };

        _ = new CfnAlarm(this, "RunningTasksAlarm", new CfnAlarmProps
        {
            AlarmName = $"{_props.Name}-running-tasks",
            AlarmDescription = "Fewer quilt-mcp tasks run than the service wants. See Alarms in docs/operations.md.",
            EvaluationPeriods = 5,
            Threshold = 0,
            ComparisonOperator = "GreaterThanThreshold",
            TreatMissingData = "missing",
            AlarmActions = _actions,
            OkActions = _actions,
            Metrics = new object[]
            {
                new CfnAlarm.MetricDataQueryProperty { Id = "shortfall", Expression = "desired - running", Label = "Tasks below desired", ReturnData = true },
                Count("desired", "DesiredTaskCount"),
                Count("running", "RunningTaskCount"),
            },
        });
    }

    /// <summary>
    /// The dashboard: the alarms' metrics plus tool calls and latency. Those two are the QuiltMcp meter's instruments as
    /// the OpenTelemetry collector's CloudWatch (awsemf) exporter names them; without that export they stay empty.
    /// </summary>
    private static string DashboardBody(string region, string loadBalancer, string targetGroup, string cluster, string service)
    {
        JsonArray TargetGroupMetric(string name, string? stat = null) =>
            Metric(LoadBalancerNamespace, name, stat, "LoadBalancer", loadBalancer, "TargetGroup", targetGroup);
        JsonArray ServiceMetric(string metricNamespace, string name) => Metric(metricNamespace, name, null, "ClusterName", cluster, "ServiceName", service);

        JsonObject Widget(int x, int y, string title, string? stat, int period, params JsonArray[] metrics)
        {
            var properties = new JsonObject { ["title"] = title, ["region"] = region, ["view"] = "timeSeries" };
            if (stat is not null)
            {
                properties["stat"] = stat;
            }

            properties["period"] = period;
            properties["metrics"] = new JsonArray([.. metrics]);
            return new JsonObject { ["type"] = "metric", ["x"] = x, ["y"] = y, ["width"] = 12, ["height"] = 6, ["properties"] = properties };
        }

        var widgets = new JsonArray(
            Widget(0, 0, "Requests and target 5xx", "Sum", 60, TargetGroupMetric("RequestCount"), TargetGroupMetric("HTTPCode_Target_5XX_Count")),
            Widget(12, 0, "Target response time (s)", null, 60, TargetGroupMetric("TargetResponseTime", "p99"), TargetGroupMetric("TargetResponseTime", "p50")),
            Widget(0, 6, "Healthy and unhealthy targets", "Maximum", 60, TargetGroupMetric("HealthyHostCount"), TargetGroupMetric("UnHealthyHostCount")),
            Widget(12, 6, "Running and desired tasks (Container Insights)", "Average", 60,
                ServiceMetric(ContainerInsightsNamespace, "RunningTaskCount"), ServiceMetric(ContainerInsightsNamespace, "DesiredTaskCount")),
            Widget(0, 12, "Service CPU and memory (%)", "Average", 60, ServiceMetric(ServiceNamespace, "CPUUtilization"), ServiceMetric(ServiceNamespace, "MemoryUtilization")),
            Widget(12, 12, "STS role assumptions", "Sum", 300,
                Metric(ApplicationNamespace, "RoleAssumptionSuccess", null, "Outcome", "success"), Metric(ApplicationNamespace, "RoleAssumptionFailure", null, "Outcome", "failure")),
            Widget(0, 18, "Tool calls", "Sum", 60, Metric(ApplicationNamespace, "quilt_mcp.tool.calls", null, "OTelLib", MeterName)),
            Widget(12, 18, "Tool latency (ms)", null, 60,
                Metric(ApplicationNamespace, "quilt_mcp.tool.duration", "Average", "OTelLib", MeterName), Metric(ApplicationNamespace, "quilt_mcp.tool.duration", "Maximum", "OTelLib", MeterName)));
        return new JsonObject { ["widgets"] = widgets }.ToJsonString();
    }

    /// <summary>One metric line of a widget: namespace, name, dimension name/value pairs, then per-line options.</summary>
    private static JsonArray Metric(string metricNamespace, string name, string? stat, params string[] dimensions)
    {
        var line = new JsonArray(metricNamespace, name);
        foreach (var part in dimensions)
        {
            line.Add(part);
        }

        if (stat is not null)
        {
            line.Add(new JsonObject { ["stat"] = stat });
        }

        return line;
    }
}
