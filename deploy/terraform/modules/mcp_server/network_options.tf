# Optional: a WAF web ACL on the load balancer, and VPC endpoints so that calls to STS, ECR, CloudWatch Logs,
# Secrets Manager, DynamoDB and S3 stay inside the VPC. The same resources, under the same conditions, are in
# deploy/cloudformation/mcp_server.yml and the CDK app.

locals {
  # The listener ARN (…:listener/app/<lb>/<id>/<listener id>) holds the load balancer's own ARN.
  alb_arn = replace(join("/", slice(split("/", var.alb_listener_arn), 0, 4)), ":listener/", ":loadbalancer/")

  interface_endpoint_services = ["sts", "ecr.api", "ecr.dkr", "logs", "secretsmanager"]
  gateway_endpoint_services   = ["dynamodb", "s3"]
}

# WAF protects the whole load balancer: one web ACL per ALB, shared by every listener and rule on it.
resource "aws_wafv2_web_acl_association" "this" {
  count        = var.waf_web_acl_arn == "" ? 0 : 1
  resource_arn = local.alb_arn
  web_acl_arn  = var.waf_web_acl_arn
}

resource "aws_security_group" "vpc_endpoints" {
  count       = var.enable_vpc_endpoints ? 1 : 0
  name_prefix = "${var.name}-endpoints-"
  description = "quilt-mcp VPC endpoints: HTTPS from the tasks"
  vpc_id      = var.vpc_id

  ingress {
    description     = "HTTPS from quilt-mcp tasks"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.service.id]
  }

  lifecycle {
    precondition {
      condition     = length(var.private_route_table_ids) > 0
      error_message = "enable_vpc_endpoints needs private_route_table_ids for the DynamoDB and S3 gateway endpoints."
    }
  }

  tags = local.tags
}

# Private DNS makes the regional service names resolve to the endpoints, so the SDK needs no endpoint settings.
resource "aws_vpc_endpoint" "interface" {
  for_each            = var.enable_vpc_endpoints ? toset(local.interface_endpoint_services) : toset([])
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.aws_region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.vpc_endpoints[0].id]
  tags                = local.tags
}

resource "aws_vpc_endpoint" "gateway" {
  for_each          = var.enable_vpc_endpoints ? toset(local.gateway_endpoint_services) : toset([])
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${var.aws_region}.${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.private_route_table_ids
  tags              = local.tags
}
