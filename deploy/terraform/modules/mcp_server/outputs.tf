output "service_name" {
  description = "ECS service name (for aws ecs update-service / wait services-stable)."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "Task definition revision the service runs."
  value       = aws_ecs_task_definition.this.arn
}

output "target_group_arn" {
  description = "Target group behind the listener rule."
  value       = aws_lb_target_group.this.arn
}

output "security_group_id" {
  description = "Security group of the tasks; add it to VPC endpoint policies when egress is narrowed."
  value       = aws_security_group.service.id
}

output "log_group_name" {
  description = "CloudWatch log group (aws logs tail <name> --follow)."
  value       = aws_cloudwatch_log_group.this.name
}

output "membership_table_name" {
  description = "DynamoDB table holding Orleans cluster membership."
  value       = aws_dynamodb_table.membership.name
}

output "grain_state_table_name" {
  description = "DynamoDB table holding durable grain state."
  value       = aws_dynamodb_table.grain_state.name
}

output "task_role_arn" {
  description = "Role the server runs as; add it to the trust policy of every role in assumable_role_arns."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "Role ECS uses to pull the image, write logs and read the listed secrets."
  value       = aws_iam_role.execution.arn
}
