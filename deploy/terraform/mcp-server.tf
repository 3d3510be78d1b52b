# Root configuration: one quilt-mcp service in an existing VPC, ECS cluster and ALB.
# Values come from terraform.tfvars (see terraform.tfvars.example); the pipeline passes
# container_image and app_version (the git short SHA) on the command line.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"
    }
  }
}

provider "aws" {
  region = var.aws_region
}

module "mcp_server" {
  source = "./modules/mcp_server"

  name                              = var.name
  aws_region                        = var.aws_region
  vpc_id                            = var.vpc_id
  private_subnet_ids                = var.private_subnet_ids
  ecs_cluster_arn                   = var.ecs_cluster_arn
  alb_listener_arn                  = var.alb_listener_arn
  alb_security_group_ids            = var.alb_security_group_ids
  host_header                       = var.host_header
  path_patterns                     = var.path_patterns
  listener_rule_priority            = var.listener_rule_priority
  container_image                   = var.container_image
  ecr_repository_arn                = var.ecr_repository_arn
  app_version                       = var.app_version
  catalog_url                       = var.catalog_url
  cpu                               = var.cpu
  memory                            = var.memory
  desired_count                     = var.desired_count
  container_port                    = var.container_port
  silo_port                         = var.silo_port
  cluster_id                        = var.cluster_id
  service_id                        = var.service_id
  membership_table_name             = var.membership_table_name
  grain_state_table_name            = var.grain_state_table_name
  table_deletion_protection         = var.table_deletion_protection
  secret_arns                       = var.secret_arns
  kms_key_arns                      = var.kms_key_arns
  silo_tls_enabled                  = var.silo_tls_enabled
  cluster_certificate_secret        = var.cluster_certificate_secret
  egress_cidr_blocks                = var.egress_cidr_blocks
  enable_execute_command            = var.enable_execute_command
  assumable_role_arns               = var.assumable_role_arns
  log_retention_days                = var.log_retention_days
  shutdown_timeout_seconds          = var.shutdown_timeout_seconds
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  extra_environment                 = var.extra_environment
  autoscaling                       = var.autoscaling
  tags                              = var.tags

  alarm_sns_topic_arn                = var.alarm_sns_topic_arn
  alarm_target_5xx_count             = var.alarm_target_5xx_count
  alarm_target_response_time_seconds = var.alarm_target_response_time_seconds
  alarm_cpu_percent                  = var.alarm_cpu_percent
  alarm_memory_percent               = var.alarm_memory_percent
  alarm_role_assumption_failures     = var.alarm_role_assumption_failures

  waf_web_acl_arn         = var.waf_web_acl_arn
  enable_vpc_endpoints    = var.enable_vpc_endpoints
  private_route_table_ids = var.private_route_table_ids

  otel_collector_enabled = var.otel_collector_enabled
  otel_collector_image   = var.otel_collector_image
}

output "service_name" {
  description = "ECS service name."
  value       = module.mcp_server.service_name
}

output "log_group_name" {
  description = "CloudWatch log group."
  value       = module.mcp_server.log_group_name
}

output "task_role_arn" {
  description = "Task role; trust it from every role in assumable_role_arns."
  value       = module.mcp_server.task_role_arn
}

output "target_group_arn" {
  description = "Target group behind the listener rule."
  value       = module.mcp_server.target_group_arn
}
