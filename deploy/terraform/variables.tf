# Inputs of the root configuration. Each is passed unchanged to modules/mcp_server, whose validation
# rules check it; they are not repeated here so there is one rule per input to keep right.

variable "name" {
  type        = string
  description = "Prefix for every resource name (service, target group, roles, tables, log group). Lower case, digits and hyphens."
  default     = "quilt-mcp"
}

variable "aws_region" {
  type        = string
  description = "Region of the service; written to AWS_REGION and the awslogs driver."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the load balancer and the tasks."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the tasks (no public IP is assigned); use two or more AZs."
}

variable "ecs_cluster_arn" {
  type        = string
  description = "ARN of the existing ECS cluster the service runs in."
}

variable "alb_listener_arn" {
  type        = string
  description = "ARN of the existing ALB listener (normally HTTPS 443) that gets the MCP listener rule."
}

variable "alb_security_group_ids" {
  type        = list(string)
  description = "Security groups of the load balancer; only they may reach the container port."
}

variable "host_header" {
  type        = string
  description = "Host name the listener rule matches, e.g. demo.quiltdata.com."
}

variable "path_patterns" {
  type        = list(string)
  description = "Paths the listener rule forwards. /mcp* is the MCP endpoint; the OAuth protected-resource document must be reachable too or clients cannot discover how to authenticate."
  default     = ["/mcp*", "/.well-known/oauth-protected-resource*"]
}

variable "listener_rule_priority" {
  type        = number
  description = "Priority of the listener rule; must be unique on the listener."
}

variable "container_image" {
  type        = string
  description = "Image to run, tagged with the git short SHA (<registry>/quilt-mcp:<sha>) or pinned by digest."
}

variable "ecr_repository_arn" {
  type        = string
  description = "ECR repository the image comes from; the execution role may pull only from it. null when the image is not in ECR."
  default     = null
}

variable "app_version" {
  type        = string
  description = "Git short SHA of the build (git rev-parse --short HEAD); reported as MCP_SERVER_VERSION and tagged on the service."
}

variable "catalog_url" {
  type        = string
  description = "Quilt catalog URL (QUILT_CATALOG_URL)."
}

variable "cpu" {
  type        = number
  description = "Task CPU units."
  default     = 256
}

variable "memory" {
  type        = number
  description = "Task memory in MiB (must be a combination Fargate accepts for the chosen cpu)."
  default     = 512
}

variable "desired_count" {
  type        = number
  description = "Tasks (silos) to run. Two or more keep sessions served while one task is replaced."
  default     = 2
}

variable "container_port" {
  type        = number
  description = "HTTP port of the MCP endpoint in the container (FASTMCP_PORT); the target group uses it too."
  default     = 8000
}

variable "silo_port" {
  type        = number
  description = "Orleans silo-to-silo port (Cluster__SiloPort); open only between the service's own tasks."
  default     = 11111
}

variable "cluster_id" {
  type        = string
  description = "Orleans ClusterId (Cluster__ClusterId). Tasks with the same ClusterId and tables form one cluster."
  default     = "quilt-mcp"
}

variable "service_id" {
  type        = string
  description = "Orleans ServiceId (Cluster__ServiceId); keep it stable across deployments, grain state is keyed by it."
  default     = "quilt-mcp"
}

variable "membership_table_name" {
  type        = string
  description = "DynamoDB table for Orleans cluster membership; null means <name>-membership."
  default     = null
}

variable "grain_state_table_name" {
  type        = string
  description = "DynamoDB table for durable grain state (MCP sessions); null means <name>-grain-state."
  default     = null
}

variable "table_deletion_protection" {
  type        = bool
  description = "Protect both DynamoDB tables from deletion (turn off only to tear down a test stack)."
  default     = true
}

variable "secret_arns" {
  type        = list(string)
  description = "Secrets Manager references injected as container secrets, in the ECS form <secret ARN>:<JSON key>::. The JSON key names the environment variable (e.g. MCP_ENHANCED_JWT_SECRET) and the execution role may read only these secrets."
  default     = []
}

variable "silo_tls_enabled" {
  type        = bool
  description = "Mutual TLS between the tasks' silos; needs cluster_certificate_secret. false sends assumed-role credentials across the VPC in clear text."
  default     = true
}

variable "cluster_certificate_secret" {
  type        = string
  description = "Secrets Manager reference to the cluster certificate (complete secret ARN, or <ARN>:<JSON key>::), injected as Cluster__Tls__Certificate; validated by the module."
  default     = null
}

variable "kms_key_arns" {
  type        = list(string)
  description = "Customer-managed KMS keys that encrypt the secrets in secret_arns; the execution role may kms:Decrypt with only these (validated by the module)."
  default     = []
}

variable "egress_cidr_blocks" {
  type        = list(string)
  description = "Where tasks may open connections (AWS APIs, the catalog, identity provider). Narrow it when VPC endpoints or a proxy serve those."
  default     = ["0.0.0.0/0"]
}

variable "enable_execute_command" {
  type        = bool
  description = "Allow ECS Exec into running tasks. Off in production; turn on for a debugging session."
  default     = false
}

variable "assumable_role_arns" {
  type        = list(string)
  description = "IAM roles the server may assume on behalf of users (X-Quilt-User-Role); the task role may assume nothing else."
  default     = []
}

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the service's logs."
  default     = 30
}

variable "shutdown_timeout_seconds" {
  type        = number
  description = "How long a task may take to drain and leave the cluster after SIGTERM (Shutdown__Timeout). ECS waits 15 s longer before SIGKILL."
  default     = 30
}

variable "health_check_grace_period_seconds" {
  type        = number
  description = "Seconds after a task starts during which failed load balancer health checks are ignored (silo join time)."
  default     = 60
}

variable "extra_environment" {
  type        = map(string)
  description = "More environment variables for the container (e.g. LOG_LEVEL). Cannot override the ones the module sets."
  default     = {}
}

variable "autoscaling" {
  type = object({
    min_capacity        = number
    max_capacity        = number
    cpu_target_percent  = number
    requests_per_target = optional(number, 0)
  })
  description = "Target-tracking autoscaling: null for a fixed desired_count; requests_per_target 0 tracks CPU only."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource the module creates."
  default     = {}
}
