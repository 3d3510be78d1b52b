# Optional network inputs (network_options.tf): a WAF web ACL on the load balancer and VPC endpoints for the AWS
# services the tasks call. Both are off by default; docs/operations.md ("WAF and VPC endpoints") weighs them.

variable "waf_web_acl_arn" {
  type        = string
  description = "Regional WAFv2 web ACL to associate with the load balancer of alb_listener_arn (the whole ALB, every listener). Empty: no association."
  default     = ""

  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[A-Za-z0-9_-]{1,128}/[a-f0-9-]{36}$", var.waf_web_acl_arn))
    error_message = "waf_web_acl_arn must be empty or a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)."
  }
}

variable "enable_vpc_endpoints" {
  type        = bool
  description = "Create interface endpoints (STS, ECR API, ECR Docker, CloudWatch Logs, Secrets Manager) in private_subnet_ids and gateway endpoints (DynamoDB, S3) on private_route_table_ids."
  default     = false
}

variable "private_route_table_ids" {
  type        = list(string)
  description = "Route tables of private_subnet_ids; the DynamoDB and S3 gateway endpoints are added to them. Needed only with enable_vpc_endpoints."
  default     = []

  validation {
    condition     = alltrue([for r in var.private_route_table_ids : can(regex("^rtb-[0-9a-f]{8}([0-9a-f]{9})?$", r))])
    error_message = "Each private_route_table_ids entry must be a route table id such as rtb-0123456789abcdef0."
  }
}
