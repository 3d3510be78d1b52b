# Alarm and dashboard inputs, passed to the module unchanged (see modules/mcp_server/monitoring_variables.tf).

variable "alarm_sns_topic_arn" {
  type        = string
  description = "SNS topic the alarms notify when they go into ALARM and back to OK. Empty: the alarms exist and show on the dashboard, but notify nobody."
  default     = ""
}

variable "alarm_target_5xx_count" {
  type        = number
  description = "Target 5xx alarm: fires when the tasks answer more than this many 5xx responses a minute for 5 minutes in a row."
  default     = 10
}

variable "alarm_target_response_time_seconds" {
  type        = number
  description = "Response time alarm: fires when the p99 target response time is above this many seconds for 5 minutes in a row."
  default     = 5
}

variable "alarm_cpu_percent" {
  type        = number
  description = "CPU alarm: fires when the service's average CPU utilisation is above this percentage for 5 minutes in a row."
  default     = 80
}

variable "alarm_memory_percent" {
  type        = number
  description = "Memory alarm: fires when the service's average memory utilisation is above this percentage for 5 minutes in a row."
  default     = 80
}

variable "alarm_role_assumption_failures" {
  type        = number
  description = "Role assumption alarm: fires when more than this many STS AssumeRole calls fail within 5 minutes (the RoleAssumptionFailure EMF metric)."
  default     = 5
}
