# The optional AWS Distro for OpenTelemetry collector sidecar. The server exports over OTLP only when
# OTEL_EXPORTER_OTLP_ENDPOINT is set, so with the sidecar off nothing of OpenTelemetry runs in the task.

locals {
  otel_collector_name = "aws-otel-collector"

  # Our collector configuration, handed to the ADOT image through AOT_CONFIG_CONTENT (no config file to mount).
  # The receiver listens on loopback only: the containers share the task's network namespace, nothing else may send.
  # awsemf writes EMF lines into the task's own log group, so CloudWatch turns them into metrics in the namespace the
  # dashboard reads; resource attributes stay out of the dimensions (one metric per task would multiply the cost).
  otel_collector_config = {
    receivers = {
      otlp = { protocols = { http = { endpoint = "127.0.0.1:4318" } } }
    }
    processors = {
      resourcedetection = { detectors = ["env", "ecs"] }
      batch             = {}
    }
    exporters = {
      awsemf = {
        namespace                        = "QuiltMcp"
        log_group_name                   = aws_cloudwatch_log_group.this.name
        log_stream_name                  = "otel-metrics/{TaskId}"
        dimension_rollup_option          = "ZeroAndSingleDimensionRollup"
        resource_to_telemetry_conversion = { enabled = false }
      }
      awsxray = {}
    }
    service = {
      pipelines = {
        traces  = { receivers = ["otlp"], processors = ["resourcedetection", "batch"], exporters = ["awsxray"] }
        metrics = { receivers = ["otlp"], processors = ["resourcedetection", "batch"], exporters = ["awsemf"] }
      }
    }
  }

  # What the server is told when the sidecar runs (docs/operations.md, Telemetry).
  otel_app_environment = {
    OTEL_EXPORTER_OTLP_ENDPOINT = "http://127.0.0.1:4318"
    OTEL_EXPORTER_OTLP_PROTOCOL = "http/protobuf"
    OTEL_SERVICE_NAME           = var.name
  }
  otel_environment = var.otel_collector_enabled ? local.otel_app_environment : {}

  # The collector starts first, so the server's first spans have somewhere to go.
  otel_app_settings = var.otel_collector_enabled ? { dependsOn = [{ containerName = local.otel_collector_name, condition = "START" }] } : {}

  # Not essential: a collector that stops loses telemetry, never the service. The hard memory limit keeps a
  # misbehaving collector from taking the server's memory.
  otel_collector_container = {
    name        = local.otel_collector_name
    image       = var.otel_collector_image
    essential   = false
    cpu         = 64
    memory      = 128
    environment = [{ name = "AOT_CONFIG_CONTENT", value = jsonencode(local.otel_collector_config) }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "otel-collector"
      }
    }
  }
  otel_collector_containers = var.otel_collector_enabled ? [local.otel_collector_container] : []
}
