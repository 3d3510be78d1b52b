# Inputs of the alarms and the dashboard (monitoring.tf). Every threshold has a default that suits a small
# production service; docs/operations.md ("Alarms") says what each alarm means and when to move its threshold.

variable "alarm_sns_topic_arn" {
  type        = string
  description = "SNS topic the alarms notify when they go into ALARM and back to OK. Empty: the alarms exist and show on the dashboard, but notify nobody."
  default     = ""

  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$", var.alarm_sns_topic_arn))
    error_message = "alarm_sns_topic_arn must be empty or an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)."
  }
}

variable "alarm_target_5xx_count" {
  type        = number
  description = "Target 5xx alarm: fires when the tasks answer more than this many 5xx responses a minute for 5 minutes in a row."
  default     = 10

  validation {
    condition     = var.alarm_target_5xx_count >= 0
    error_message = "alarm_target_5xx_count must be 0 or more."
  }
}

variable "alarm_target_response_time_seconds" {
  type        = number
  description = "Response time alarm: fires when the p99 target response time is above this many seconds for 5 minutes in a row."
  default     = 5

  validation {
    condition     = var.alarm_target_response_time_seconds > 0
    error_message = "alarm_target_response_time_seconds must be above 0."
  }
}

variable "alarm_cpu_percent" {
  type        = number
  description = "CPU alarm: fires when the service's average CPU utilisation is above this percentage for 5 minutes in a row."
  default     = 80

  validation {
    condition     = var.alarm_cpu_percent > 0 && var.alarm_cpu_percent <= 100
    error_message = "alarm_cpu_percent must be above 0 and at most 100."
  }
}

variable "alarm_memory_percent" {
  type        = number
  description = "Memory alarm: fires when the service's average memory utilisation is above this percentage for 5 minutes in a row."
  default     = 80

  validation {
    condition     = var.alarm_memory_percent > 0 && var.alarm_memory_percent <= 100
    error_message = "alarm_memory_percent must be above 0 and at most 100."
  }
}

variable "alarm_role_assumption_failures" {
  type        = number
  description = "Role assumption alarm: fires when more than this many STS AssumeRole calls fail within 5 minutes (the RoleAssumptionFailure EMF metric)."
  default     = 5

  validation {
    condition     = var.alarm_role_assumption_failures >= 0
    error_message = "alarm_role_assumption_failures must be 0 or more."
  }
}
