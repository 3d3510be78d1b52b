namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// Inputs of <see cref="McpServer"/>: the same names, meanings and defaults as the variables of
/// deploy/terraform/modules/mcp_server (snake_case there, PascalCase here).
/// </summary>
public sealed class McpServerProps
{
    public string Name { get; init; } = "quilt-mcp";

    public required string VpcId { get; init; }

    /// <summary>
    /// The VPC's IPv4 CIDR block, where the load balancer's nodes live: the server believes X-Forwarded-For only from
    /// it. The Terraform module reads it from <see cref="VpcId"/>; a synth without an AWS account cannot.
    /// </summary>
    public required string VpcCidrBlock { get; init; }

    public required IReadOnlyList<string> PrivateSubnetIds { get; init; }

    public required string EcsClusterArn { get; init; }

    public required string AlbListenerArn { get; init; }

    public required IReadOnlyList<string> AlbSecurityGroupIds { get; init; }

    public required string HostHeader { get; init; }

    public IReadOnlyList<string> PathPatterns { get; init; } = ["/mcp*", "/.well-known/oauth-protected-resource*"];

    public required int ListenerRulePriority { get; init; }

    public required string ContainerImage { get; init; }

    public string? EcrRepositoryArn { get; init; }

    public required string AppVersion { get; init; }

    public required string CatalogUrl { get; init; }

    public int Cpu { get; init; } = 256;

    public int Memory { get; init; } = 512;

    public int DesiredCount { get; init; } = 2;

    public int ContainerPort { get; init; } = 8000;

    public int SiloPort { get; init; } = 11111;

    public string ClusterId { get; init; } = "quilt-mcp";

    public string ServiceId { get; init; } = "quilt-mcp";

    public string? MembershipTableName { get; init; }

    public string? GrainStateTableName { get; init; }

    public bool TableDeletionProtection { get; init; } = true;

    /// <summary>ECS secret references <c>&lt;complete secret ARN&gt;:&lt;ENV_NAME&gt;::</c>.</summary>
    public IReadOnlyList<string> SecretArns { get; init; } = [];

    /// <summary>
    /// Mutual TLS between the tasks' silos (<c>Cluster__Tls__Enabled</c>) with the certificate in
    /// <see cref="ClusterCertificateSecret"/>; false sends assumed-role credentials across the VPC in clear text.
    /// </summary>
    public bool SiloTlsEnabled { get; init; } = true;

    /// <summary>
    /// Secrets Manager reference to the cluster certificate, injected as the container secret
    /// <c>Cluster__Tls__Certificate</c>: the complete secret ARN, or <c>&lt;complete secret ARN&gt;:&lt;JSON key&gt;::</c>.
    /// Required while <see cref="SiloTlsEnabled"/> is true.
    /// </summary>
    public string? ClusterCertificateSecret { get; init; }

    /// <summary>Customer-managed KMS keys of those secrets; the execution role may decrypt with only these.</summary>
    public IReadOnlyList<string> KmsKeyArns { get; init; } = [];

    public IReadOnlyList<string> EgressCidrBlocks { get; init; } = ["0.0.0.0/0"];

    public bool EnableExecuteCommand { get; init; }

    public IReadOnlyList<string> AssumableRoleArns { get; init; } = [];

    public int LogRetentionDays { get; init; } = 30;

    public int ShutdownTimeoutSeconds { get; init; } = 30;

    public int HealthCheckGracePeriodSeconds { get; init; } = 60;

    /// <summary>Target-tracking autoscaling; null (the default) keeps <see cref="DesiredCount"/> fixed.</summary>
    public McpServerAutoscaling? Autoscaling { get; init; }

    /// <summary>Alarm thresholds and the SNS topic they notify.</summary>
    public McpServerAlarms Alarms { get; init; } = new();

    /// <summary>Regional WAFv2 web ACL to associate with the listener's load balancer (the whole ALB); null for none.</summary>
    public string? WafWebAclArn { get; init; }

    /// <summary>Interface endpoints (STS, ECR API and Docker, Logs, Secrets Manager) and gateway endpoints (DynamoDB, S3).</summary>
    public bool EnableVpcEndpoints { get; init; }

    /// <summary>Route tables of <see cref="PrivateSubnetIds"/> for the gateway endpoints; needed only with <see cref="EnableVpcEndpoints"/>.</summary>
    public IReadOnlyList<string> PrivateRouteTableIds { get; init; } = [];

    /// <summary>
    /// The ADOT collector as a non-essential sidecar, with the server's OTLP export pointed at it: traces to X-Ray,
    /// metrics to CloudWatch (namespace QuiltMcp) through EMF log lines in the task's log group. Off by default: it costs
    /// X-Ray traces, custom metrics and log ingestion, and its image comes from public ECR (needs a NAT route).
    /// </summary>
    public bool OtelCollectorEnabled { get; init; }

    /// <summary>The collector image, pinned to a version tag (or a copy in your own registry).</summary>
    public string OtelCollectorImage { get; init; } = McpServerOtelCollector.DefaultImage;
}

/// <summary>
/// The module's <c>autoscaling</c> object: CPU is always tracked, ALB requests per target only when
/// <see cref="RequestsPerTarget"/> is above zero.
/// </summary>
public sealed record McpServerAutoscaling
{
    public required int MinCapacity { get; init; }

    public required int MaxCapacity { get; init; }

    public required double CpuTargetPercent { get; init; }

    public double RequestsPerTarget { get; init; }
}
