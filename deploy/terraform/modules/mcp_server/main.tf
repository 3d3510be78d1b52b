# One ECS Fargate service of quilt-mcp tasks behind an existing ALB listener. Every task is an Orleans
# silo that also serves MCP over HTTP; the silos find each other through the DynamoDB membership table.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# The load balancer's nodes have addresses in this VPC; X-Forwarded-For is believed only from them.
data "aws_vpc" "this" {
  id = var.vpc_id
}

locals {
  container_name         = "quilt-mcp"
  membership_table_name  = coalesce(var.membership_table_name, "${var.name}-membership")
  grain_state_table_name = coalesce(var.grain_state_table_name, "${var.name}-grain-state")
  log_group_name         = "/ecs/${var.name}"

  # The server exits on its own within the shutdown timeout; ECS must not SIGKILL it before that.
  stop_timeout_seconds = var.shutdown_timeout_seconds + 15
  shutdown_timeout     = format("00:%02d:%02d", floor(var.shutdown_timeout_seconds / 60), var.shutdown_timeout_seconds % 60)

  # "<secret ARN>:<JSON key>::" → the variable is the JSON key; IAM needs the bare secret ARN (7 fields).
  listed_secrets  = [for ref in var.secret_arns : { name = split(":", ref)[7], valueFrom = ref }]
  secret_iam_arns = distinct([for ref in var.secret_arns : join(":", slice(split(":", ref), 0, 7))])

  # The cluster certificate travels like the JWT secret: a container secret, never a plain environment value.
  certificate_variable = "Cluster__Tls__Certificate"
  uses_certificate     = var.silo_tls_enabled && var.cluster_certificate_secret != null
  certificate_secrets  = local.uses_certificate ? [{ name = local.certificate_variable, valueFrom = var.cluster_certificate_secret }] : []
  certificate_iam_arn  = local.uses_certificate ? join(":", slice(split(":", var.cluster_certificate_secret), 0, 7)) : null
  container_secrets    = concat(local.listed_secrets, local.certificate_secrets)

  managed_environment = {
    ASPNETCORE_ENVIRONMENT                 = "Production"
    AWS_REGION                             = var.aws_region
    FASTMCP_TRANSPORT                      = "streamable-http"
    FASTMCP_ADDR                           = "0.0.0.0"
    FASTMCP_PORT                           = tostring(var.container_port)
    QUILT_CATALOG_URL                      = var.catalog_url
    MCP_SERVER_VERSION                     = var.app_version
    Cluster__Clustering                    = "dynamodb"
    Cluster__ClusterId                     = var.cluster_id
    Cluster__ServiceId                     = var.service_id
    Cluster__SiloPort                      = tostring(var.silo_port)
    Cluster__DynamoDb__MembershipTableName = local.membership_table_name
    Cluster__GrainStorage__TableName       = local.grain_state_table_name
    Cluster__Tls__Enabled                  = tostring(var.silo_tls_enabled)
    Shutdown__Timeout                      = local.shutdown_timeout

    # The server refuses every Host but the one the listener rule forwards (DNS-rebinding protection), and takes
    # the client address for rate limits from X-Forwarded-For only when the peer is inside the VPC (the ALB; the
    # security group admits nothing else to the container port).
    Http__AllowedHosts__0   = var.host_header
    Http__TrustedProxies__0 = data.aws_vpc.this.cidr_block
  }

  container_environment = [for k, v in merge(var.extra_environment, local.managed_environment, local.otel_environment) : { name = k, value = v }]

  # Same probe as the image's HEALTHCHECK: the binary asks its own /healthz, no curl needed.
  container_health_check = {
    command     = ["CMD", "/app/quilt-mcp", "healthcheck"]
    interval    = 30
    timeout     = 5
    retries     = 3
    startPeriod = 60
  }

  container_definition = {
    name                   = local.container_name
    image                  = var.container_image
    essential              = true
    readonlyRootFilesystem = false
    stopTimeout            = local.stop_timeout_seconds
    portMappings = [
      { containerPort = var.container_port, protocol = "tcp", name = "http" },
      { containerPort = var.silo_port, protocol = "tcp", name = "silo" },
    ]
    environment = local.container_environment
    secrets     = local.container_secrets
    healthCheck = local.container_health_check
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "ecs"
      }
    }
  }

  # Resource label for ALBRequestCountPerTarget: app/<lb>/<id>/targetgroup/<tg>/<id>; the load balancer
  # part is inside the listener ARN (listener/app/<lb>/<id>/<listener id>).
  alb_arn_suffix = join("/", slice(split("/", var.alb_listener_arn), 1, 4))

  tags = merge(var.tags, { "quilt-mcp:version" = var.app_version })
}

# ---- logs ---------------------------------------------------------------------------------------------
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

# ---- DynamoDB: cluster membership and durable grain state -------------------------------------------
resource "aws_dynamodb_table" "membership" {
  name                        = local.membership_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "ClusterId"
  deletion_protection_enabled = var.table_deletion_protection

  attribute {
    name = "ClusterId"
    type = "S"
  }

  # Membership rows need no expiry today, but the attribute name is shared with the grain table so both
  # tables can be cleaned the same way if the server ever stamps membership items.
  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = local.tags
}

resource "aws_dynamodb_table" "grain_state" {
  name                        = local.grain_state_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "Id"
  deletion_protection_enabled = var.table_deletion_protection

  attribute {
    name = "Id"
    type = "S"
  }

  # Grain storage stamps "ExpiresAt" on every write so abandoned MCP sessions disappear without a sweeper.
  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = local.tags
}

# ---- IAM ----------------------------------------------------------------------------------------------
data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    # Confused-deputy guard: only ECS acting for this account may use the roles.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "task" {
  name_prefix        = "${var.name}-task-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "task" {
  statement {
    sid = "ClusterTables"
    actions = [
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:Query",
      "dynamodb:Scan",
    ]
    resources = [aws_dynamodb_table.membership.arn, aws_dynamodb_table.grain_state.arn]
  }

  # The server passes session tags and a SourceIdentity naming the user, so all three actions are needed,
  # and only on the roles users may take on.
  dynamic "statement" {
    for_each = length(var.assumable_role_arns) > 0 ? [1] : []
    content {
      sid       = "AssumeUserRoles"
      actions   = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]
      resources = var.assumable_role_arns
    }
  }

  # ECS Exec opens its channel from inside the task with the task role.
  dynamic "statement" {
    for_each = var.enable_execute_command ? [1] : []
    content {
      sid = "EcsExec"
      actions = [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ]
      resources = ["*"]
    }
  }

  # The collector sidecar sends traces to X-Ray (and reads its sampling rules) with the task role.
  dynamic "statement" {
    for_each = var.otel_collector_enabled ? [1] : []
    content {
      sid = "OtelCollectorTraces"
      actions = [
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
      ]
      resources = ["*"] # X-Ray has no resource-level permissions for these.
    }
  }

  # ...and its metrics as EMF log lines into the task's own log group, nowhere else.
  dynamic "statement" {
    for_each = var.otel_collector_enabled ? [1] : []
    content {
      sid       = "OtelCollectorMetrics"
      actions   = ["logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams"]
      resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "quilt-mcp-task"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

resource "aws_iam_role" "execution" {
  name_prefix        = "${var.name}-exec-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "EcrAuth"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"] # GetAuthorizationToken has no resource-level permissions.
    }
  }

  dynamic "statement" {
    for_each = var.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "EcrPull"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
      resources = [var.ecr_repository_arn]
    }
  }

  dynamic "statement" {
    for_each = length(local.secret_iam_arns) > 0 ? [1] : []
    content {
      sid       = "ReadListedSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_iam_arns
    }
  }

  dynamic "statement" {
    for_each = local.uses_certificate ? [1] : []
    content {
      sid       = "ReadClusterCertificate"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [local.certificate_iam_arn]
    }
  }

  # Secrets under a customer-managed key: Secrets Manager decrypts them with the caller's permissions, so
  # the execution role needs kms:Decrypt on those keys, and only for requests Secrets Manager makes for it.
  # A key ARN fixes the key's region, so the condition need not name one.
  dynamic "statement" {
    for_each = length(var.kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptListedSecretKeys"
      actions   = ["kms:Decrypt"]
      resources = var.kms_key_arns
      condition {
        test     = "StringLike"
        variable = "kms:ViaService"
        values   = ["secretsmanager.*.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "quilt-mcp-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# ---- network ------------------------------------------------------------------------------------------
resource "aws_security_group" "service" {
  name_prefix = "${var.name}-"
  description = "quilt-mcp tasks: MCP from the ALB, silo traffic between tasks"
  vpc_id      = var.vpc_id

  ingress {
    description     = "MCP HTTP from the load balancer"
    from_port       = var.container_port
    to_port         = var.container_port
    protocol        = "tcp"
    security_groups = var.alb_security_group_ids
  }

  # Orleans silos talk to each other directly on the silo port.
  ingress {
    description = "Orleans silo-to-silo"
    from_port   = var.silo_port
    to_port     = var.silo_port
    protocol    = "tcp"
    self        = true
  }

  egress {
    description = "AWS APIs, catalog, identity provider"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = var.egress_cidr_blocks
  }

  # A new group must exist before the service lets go of the old one.
  lifecycle {
    create_before_destroy = true
  }

  tags = local.tags
}

# ---- load balancer ------------------------------------------------------------------------------------
resource "aws_lb_target_group" "this" {
  name                 = "${var.name}-tg"
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/healthz"
    protocol            = "HTTP"
    port                = "traffic-port"
    matcher             = "200"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 30
    timeout             = 6
  }

  tags = local.tags
}

resource "aws_lb_listener_rule" "this" {
  listener_arn = var.alb_listener_arn
  priority     = var.listener_rule_priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  condition {
    host_header {
      values = [var.host_header]
    }
  }

  condition {
    path_pattern {
      values = var.path_patterns
    }
  }

  tags = local.tags
}

# ---- ECS ----------------------------------------------------------------------------------------------
resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  task_role_arn            = aws_iam_role.task.arn
  execution_role_arn       = aws_iam_role.execution.arn
  container_definitions    = jsonencode(concat([merge(local.container_definition, local.otel_app_settings)], local.otel_collector_containers))

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  lifecycle {
    precondition {
      condition     = var.silo_port != var.container_port
      error_message = "silo_port and container_port must differ."
    }
    precondition {
      condition     = !var.silo_tls_enabled || var.cluster_certificate_secret != null
      error_message = "cluster_certificate_secret is required while silo_tls_enabled is true (the default): store the cluster certificate in Secrets Manager (docs/operations.md, Silo TLS), or set silo_tls_enabled = false to run the silos without TLS."
    }
    precondition {
      condition     = !contains([for s in local.listed_secrets : s.name], local.certificate_variable)
      error_message = "secret_arns must not set Cluster__Tls__Certificate; pass the certificate's secret as cluster_certificate_secret."
    }
    precondition {
      condition     = length(setintersection(keys(var.extra_environment), keys(merge(local.managed_environment, local.otel_environment)))) == 0
      error_message = "extra_environment must not set a variable the module manages."
    }
  }

  tags = local.tags
}

resource "aws_ecs_service" "this" {
  name                              = var.name
  cluster                           = var.ecs_cluster_arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  enable_execute_command            = var.enable_execute_command
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  propagate_tags                    = "SERVICE"

  # Rolling update that never drops below the running count; a release whose tasks never get healthy is
  # rolled back to the previous task definition instead of leaving the service half-deployed.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  # ECS refuses a target group that no listener uses yet.
  depends_on = [aws_lb_listener_rule.this, aws_iam_role_policy.task, aws_iam_role_policy.execution]

  tags = local.tags
}

# ---- autoscaling (optional) ---------------------------------------------------------------------------
resource "aws_appautoscaling_target" "this" {
  count              = var.autoscaling == null ? 0 : 1
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${element(split("/", var.ecs_cluster_arn), 1)}/${aws_ecs_service.this.name}"
  min_capacity       = var.autoscaling.min_capacity
  max_capacity       = var.autoscaling.max_capacity
}

resource "aws_appautoscaling_policy" "cpu" {
  count              = var.autoscaling == null ? 0 : 1
  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value = var.autoscaling.cpu_target_percent
    # Scale in slowly: removing a silo moves its grains and sessions to the others.
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  count              = var.autoscaling == null ? 0 : (var.autoscaling.requests_per_target > 0 ? 1 : 0)
  name               = "${var.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling.requests_per_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${local.alb_arn_suffix}/${aws_lb_target_group.this.arn_suffix}"
    }
  }
}
