# Optional network inputs, passed to the module unchanged (see modules/mcp_server/network_options_variables.tf).

variable "waf_web_acl_arn" {
  type        = string
  description = "Regional WAFv2 web ACL to associate with the load balancer of alb_listener_arn (the whole ALB, every listener). Empty: no association."
  default     = ""
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
}
