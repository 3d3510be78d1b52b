# Inputs of the mcp_server module. Every value an operator can get wrong in a knowable way is validated
# here, so `terraform plan` fails with a clear message instead of an apply failing half-way.

variable "name" {
  type        = string
  description = "Prefix for every resource name (service, target group, roles, tables, log group). Lower case, digits and hyphens."
  default     = "quilt-mcp"

  validation {
    # Target group names stop at 32 characters and the module appends "-tg".
    condition     = can(regex("^[a-z][a-z0-9-]{0,27}[a-z0-9]$", var.name))
    error_message = "name must be 2-29 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "aws_region" {
  type        = string
  description = "Region of the service; written to AWS_REGION and the awslogs driver."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region code such as us-east-1."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the load balancer and the tasks."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the tasks (no public IP is assigned); use two or more AZs."

  validation {
    condition     = length(var.private_subnet_ids) > 0 && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", s))])
    error_message = "private_subnet_ids must hold at least one subnet id (subnet-…)."
  }
}

variable "ecs_cluster_arn" {
  type        = string
  description = "ARN of the existing ECS cluster the service runs in."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]+$", var.ecs_cluster_arn))
    error_message = "ecs_cluster_arn must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)."
  }
}

variable "alb_listener_arn" {
  type        = string
  description = "ARN of the existing ALB listener (normally HTTPS 443) that gets the MCP listener rule."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+$", var.alb_listener_arn))
    error_message = "alb_listener_arn must be an application load balancer listener ARN."
  }
}

variable "alb_security_group_ids" {
  type        = list(string)
  description = "Security groups of the load balancer; only they may reach the container port."

  validation {
    condition     = length(var.alb_security_group_ids) > 0 && alltrue([for g in var.alb_security_group_ids : can(regex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", g))])
    error_message = "alb_security_group_ids must hold at least one security group id (sg-…)."
  }
}

variable "host_header" {
  type        = string
  description = "Host name the listener rule matches, e.g. demo.quiltdata.com."

  validation {
    condition     = can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.host_header))
    error_message = "host_header must be a lower-case DNS name (optionally starting with *.)."
  }
}

variable "path_patterns" {
  type        = list(string)
  description = "Paths the listener rule forwards. /mcp* is the MCP endpoint; the OAuth protected-resource document must be reachable too or clients cannot discover how to authenticate."
  default     = ["/mcp*", "/.well-known/oauth-protected-resource*"]

  validation {
    # An ALB rule allows five condition values in all and the host header takes one.
    condition     = length(var.path_patterns) > 0 && length(var.path_patterns) <= 4 && alltrue([for p in var.path_patterns : startswith(p, "/")])
    error_message = "path_patterns must hold 1-4 patterns, each starting with /."
  }
}

variable "listener_rule_priority" {
  type        = number
  description = "Priority of the listener rule; must be unique on the listener."

  validation {
    condition     = var.listener_rule_priority >= 1 && var.listener_rule_priority <= 50000 && floor(var.listener_rule_priority) == var.listener_rule_priority
    error_message = "listener_rule_priority must be a whole number from 1 to 50000."
  }
}

variable "container_image" {
  type        = string
  description = "Image to run, tagged with the git short SHA (<registry>/quilt-mcp:<sha>) or pinned by digest."

  validation {
    # A moving tag such as latest would make a task replacement silently change the code version.
    condition     = can(regex("^[^\\s:@]+(:[0-9]+)?/[^\\s:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$", var.container_image)) && !endswith(var.container_image, ":latest")
    error_message = "container_image must be <registry>/<repository> with an explicit tag (not latest) or an @sha256 digest."
  }
}

variable "ecr_repository_arn" {
  type        = string
  description = "ECR repository the image comes from; the execution role may pull only from it. null when the image is not in ECR."
  default     = null

  validation {
    condition     = var.ecr_repository_arn == null || can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", var.ecr_repository_arn))
    error_message = "ecr_repository_arn must be an ECR repository ARN or null."
  }
}

variable "app_version" {
  type        = string
  description = "Git short SHA of the build (git rev-parse --short HEAD); reported as MCP_SERVER_VERSION and tagged on the service."

  validation {
    condition     = can(regex("^[0-9a-f]{7,40}$", var.app_version))
    error_message = "app_version must be a git SHA (7-40 lower-case hex digits)."
  }
}

variable "catalog_url" {
  type        = string
  description = "Quilt catalog URL (QUILT_CATALOG_URL)."

  validation {
    condition     = can(regex("^https?://[^\\s/]+", var.catalog_url))
    error_message = "catalog_url must be an http(s) URL."
  }
}

variable "cpu" {
  type        = number
  description = "Task CPU units."
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  type        = number
  description = "Task memory in MiB (must be a combination Fargate accepts for the chosen cpu)."
  default     = 512

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880 && var.memory % 512 == 0
    error_message = "memory must be a multiple of 512 MiB between 512 and 122880."
  }
}

variable "desired_count" {
  type        = number
  description = "Tasks (silos) to run. Two or more keep sessions served while one task is replaced."
  default     = 2

  validation {
    condition     = var.desired_count >= 0 && var.desired_count <= 100 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number from 0 to 100."
  }
}

variable "container_port" {
  type        = number
  description = "HTTP port of the MCP endpoint in the container (FASTMCP_PORT); the target group uses it too."
  default     = 8000

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535 && floor(var.container_port) == var.container_port
    error_message = "container_port must be a whole number from 1024 to 65535 (the image runs as a non-root user)."
  }
}

variable "silo_port" {
  type        = number
  description = "Orleans silo-to-silo port (Cluster__SiloPort); open only between the service's own tasks."
  default     = 11111

  validation {
    condition     = var.silo_port >= 1024 && var.silo_port <= 65535 && floor(var.silo_port) == var.silo_port
    error_message = "silo_port must be a whole number from 1024 to 65535."
  }
}

variable "cluster_id" {
  type        = string
  description = "Orleans ClusterId (Cluster__ClusterId). Tasks with the same ClusterId and tables form one cluster."
  default     = "quilt-mcp"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,64}$", var.cluster_id))
    error_message = "cluster_id must be 1-64 letters, digits, dots, underscores or hyphens."
  }
}

variable "service_id" {
  type        = string
  description = "Orleans ServiceId (Cluster__ServiceId); keep it stable across deployments, grain state is keyed by it."
  default     = "quilt-mcp"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,64}$", var.service_id))
    error_message = "service_id must be 1-64 letters, digits, dots, underscores or hyphens."
  }
}

variable "membership_table_name" {
  type        = string
  description = "DynamoDB table for Orleans cluster membership; null means <name>-membership."
  default     = null

  validation {
    condition     = var.membership_table_name == null || can(regex("^[A-Za-z0-9_.-]{3,255}$", var.membership_table_name))
    error_message = "membership_table_name must be 3-255 letters, digits, underscores, dots or hyphens."
  }
}

variable "grain_state_table_name" {
  type        = string
  description = "DynamoDB table for durable grain state (MCP sessions); null means <name>-grain-state."
  default     = null

  validation {
    condition     = var.grain_state_table_name == null || can(regex("^[A-Za-z0-9_.-]{3,255}$", var.grain_state_table_name))
    error_message = "grain_state_table_name must be 3-255 letters, digits, underscores, dots or hyphens."
  }
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

  validation {
    # The complete ARN (with its six-character suffix) is required: IAM matches it exactly, and a partial
    # ARN would leave the task unable to start with an AccessDenied from the ECS agent.
    condition = alltrue([for s in var.secret_arns : can(regex(
      "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}:[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9_]*:[A-Za-z0-9-]*$", s
    ))])
    error_message = "Each secret_arns entry must be <complete secret ARN>:<ENV_NAME>:: (version stage and id optional)."
  }

  validation {
    condition     = length(distinct([for s in var.secret_arns : split(":", s)[7]])) == length(var.secret_arns)
    error_message = "Two secret_arns entries set the same environment variable."
  }
}

variable "silo_tls_enabled" {
  type        = bool
  description = "Mutual TLS between the tasks' silos (Cluster__Tls__Enabled), with the certificate in cluster_certificate_secret. Principal grains hand assumed-role credentials to whichever task served the request; false sends them across the VPC in clear text."
  default     = true
}

variable "cluster_certificate_secret" {
  type        = string
  description = "Secrets Manager reference to the cluster certificate with its private key (base64 PFX or PEM text), injected as the container secret Cluster__Tls__Certificate: the complete secret ARN when the whole secret value is the certificate, or <complete secret ARN>:<JSON key>::. Required while silo_tls_enabled is true."
  default     = null

  validation {
    # Complete ARN for the same reason as secret_arns: IAM matches it exactly.
    condition = var.cluster_certificate_secret == null || can(regex(
      "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}(:[A-Za-z0-9_.-]+:[A-Za-z0-9_]*:[A-Za-z0-9-]*)?$", var.cluster_certificate_secret
    ))
    error_message = "cluster_certificate_secret must be a complete secret ARN, optionally followed by :<JSON key>:: (version stage and id optional)."
  }
}

variable "kms_key_arns" {
  type        = list(string)
  description = "Customer-managed KMS keys that encrypt the secrets in secret_arns. The execution role may kms:Decrypt with exactly these keys, and only through Secrets Manager. Leave empty for secrets under the AWS managed key aws/secretsmanager."
  default     = []

  validation {
    # IAM matches key ARNs only: an alias ARN in a policy grants nothing, and key/* would grant every key.
    condition     = alltrue([for k in var.kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", k))])
    error_message = "Each kms_key_arns entry must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a wildcard."
  }

  validation {
    condition     = length(distinct(var.kms_key_arns)) == length(var.kms_key_arns)
    error_message = "kms_key_arns lists the same key twice."
  }
}

variable "egress_cidr_blocks" {
  type        = list(string)
  description = "Where tasks may open connections (AWS APIs, the catalog, identity provider). Narrow it when VPC endpoints or a proxy serve those."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.egress_cidr_blocks) > 0 && alltrue([for c in var.egress_cidr_blocks : can(cidrhost(c, 0)) && strcontains(c, ".")])
    error_message = "egress_cidr_blocks must hold at least one IPv4 CIDR block."
  }
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

  validation {
    condition     = alltrue([for r in var.assumable_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/*-]+$", r)) && !endswith(r, ":role/*")])
    error_message = "Each assumable_role_arns entry must be an IAM role ARN; a bare role/* would let the server assume any role in the account."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the service's logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, …)."
  }
}

variable "shutdown_timeout_seconds" {
  type        = number
  description = "How long a task may take to drain and leave the cluster after SIGTERM (Shutdown__Timeout). ECS waits 15 s longer before SIGKILL."
  default     = 30

  validation {
    # Fargate's stopTimeout ceiling is 120 s and the module adds 15 s of headroom.
    condition     = var.shutdown_timeout_seconds >= 5 && var.shutdown_timeout_seconds <= 105 && floor(var.shutdown_timeout_seconds) == var.shutdown_timeout_seconds
    error_message = "shutdown_timeout_seconds must be a whole number from 5 to 105."
  }
}

variable "health_check_grace_period_seconds" {
  type        = number
  description = "Seconds after a task starts during which failed load balancer health checks are ignored (silo join time)."
  default     = 60

  validation {
    condition     = var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 2147483647
    error_message = "health_check_grace_period_seconds must not be negative."
  }
}

variable "extra_environment" {
  type        = map(string)
  description = "More environment variables for the container (e.g. LOG_LEVEL). Cannot override the ones the module sets."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.extra_environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "extra_environment keys must be environment variable names."
  }
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

  validation {
    condition = var.autoscaling == null ? true : (
      var.autoscaling.min_capacity >= 1 && var.autoscaling.max_capacity >= var.autoscaling.min_capacity &&
      var.autoscaling.cpu_target_percent > 0 && var.autoscaling.cpu_target_percent <= 100 &&
      var.autoscaling.requests_per_target >= 0
    )
    error_message = "autoscaling needs 1 <= min_capacity <= max_capacity, 0 < cpu_target_percent <= 100 and requests_per_target >= 0."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource the module creates."
  default     = {}
}
