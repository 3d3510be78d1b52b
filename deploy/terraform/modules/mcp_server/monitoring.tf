# CloudWatch alarms and a dashboard for the service. The same alarms (names, metrics, statistics, periods,
# thresholds, actions) and the same dashboard body are in deploy/cloudformation/mcp_server.yml and the CDK app;
# tests/QuiltMcp.Orleans.Deploy.Tests keeps the three equal.

locals {
  ecs_cluster_name = element(split("/", var.ecs_cluster_arn), 1)

  # Notify on the way into ALARM and on the way back to OK, or nobody when no topic is given.
  alarm_actions = var.alarm_sns_topic_arn == "" ? [] : [var.alarm_sns_topic_arn]

  target_group_dimensions = {
    LoadBalancer = local.alb_arn_suffix
    TargetGroup  = aws_lb_target_group.this.arn_suffix
  }

  service_dimensions = {
    ClusterName = local.ecs_cluster_name
    ServiceName = aws_ecs_service.this.name
  }
}

resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  alarm_name          = "${var.name}-target-5xx"
  alarm_description   = "quilt-mcp tasks answer 5xx responses. See Alarms in docs/operations.md."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = local.target_group_dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.alarm_target_5xx_count
  comparison_operator = "GreaterThanThreshold"
  # No 5xx in a minute publishes no data point.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  tags               = local.tags
}

resource "aws_cloudwatch_metric_alarm" "target_response_time" {
  alarm_name          = "${var.name}-target-response-time"
  alarm_description   = "The slowest 1 % of quilt-mcp responses are slow. See Alarms in docs/operations.md."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = local.target_group_dimensions
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.alarm_target_response_time_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_targets" {
  alarm_name          = "${var.name}-unhealthy-targets"
  alarm_description   = "A quilt-mcp task fails the load balancer health check. See Alarms in docs/operations.md."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = local.target_group_dimensions
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

# ECS publishes running and desired task counts only through Container Insights (ECS/ContainerInsights); without
# it on the cluster this alarm stays INSUFFICIENT_DATA.
resource "aws_cloudwatch_metric_alarm" "running_tasks" {
  alarm_name          = "${var.name}-running-tasks"
  alarm_description   = "Fewer quilt-mcp tasks run than the service wants. See Alarms in docs/operations.md."
  evaluation_periods  = 5
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags

  metric_query {
    id          = "shortfall"
    expression  = "desired - running"
    label       = "Tasks below desired"
    return_data = true
  }

  metric_query {
    id = "desired"
    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "DesiredTaskCount"
      dimensions  = local.service_dimensions
      stat        = "Average"
      period      = 60
    }
  }

  metric_query {
    id = "running"
    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "RunningTaskCount"
      dimensions  = local.service_dimensions
      stat        = "Average"
      period      = 60
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${var.name}-cpu-high"
  alarm_description   = "quilt-mcp tasks use most of their CPU. See Alarms in docs/operations.md."
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = local.service_dimensions
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.alarm_cpu_percent
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "memory" {
  alarm_name          = "${var.name}-memory-high"
  alarm_description   = "quilt-mcp tasks use most of their memory. See Alarms in docs/operations.md."
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = local.service_dimensions
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.alarm_memory_percent
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

# The server writes every failed AssumeRole as an Embedded Metric Format line (namespace QuiltMcp, dimension
# Outcome=failure); CloudWatch Logs turns it into this metric. No failure in 5 minutes publishes no data point.
resource "aws_cloudwatch_metric_alarm" "role_assumption_failures" {
  alarm_name          = "${var.name}-role-assumption-failures"
  alarm_description   = "STS refuses to let quilt-mcp assume users' roles. See Alarms in docs/operations.md."
  namespace           = "QuiltMcp"
  metric_name         = "RoleAssumptionFailure"
  dimensions          = { Outcome = "failure" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.alarm_role_assumption_failures
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

# Tool calls and latency are the QuiltMcp meter's instruments as the OpenTelemetry collector's CloudWatch (awsemf)
# exporter names them, in the namespace QuiltMcp; without that export those two widgets stay empty.
# The body is a template so that the CloudFormation and CDK forms can be checked against the very same JSON.
resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = templatefile("${path.module}/dashboard.json.tftpl", {
    Region       = var.aws_region
    LoadBalancer = local.alb_arn_suffix
    TargetGroup  = aws_lb_target_group.this.arn_suffix
    Cluster      = local.ecs_cluster_name
    Service      = aws_ecs_service.this.name
  })
}
