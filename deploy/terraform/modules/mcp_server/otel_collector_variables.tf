# The optional AWS Distro for OpenTelemetry collector sidecar (otel_collector.tf).

variable "otel_collector_enabled" {
  type        = bool
  description = "Run the ADOT collector as a non-essential sidecar and point the server's OTLP export at it: traces to X-Ray, metrics to CloudWatch (namespace QuiltMcp) through EMF log lines in the task's log group. Costs X-Ray traces, custom metrics and log ingestion, and the image comes from public ECR (needs a NAT route)."
  default     = false
}

variable "otel_collector_image" {
  type        = string
  description = "The collector image, pinned to a version tag (or a copy in your own registry)."
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0"
}
