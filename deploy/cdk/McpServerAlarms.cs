namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// Alarm inputs: the Terraform module's <c>alarm_*</c> variables with the same meanings and defaults
/// (docs/operations.md, "Alarms", says what each alarm means).
/// </summary>
public sealed record McpServerAlarms
{
    /// <summary>SNS topic notified on ALARM and on OK; null for alarms that notify nobody.</summary>
    public string? SnsTopicArn { get; init; }

    /// <summary>More target 5xx responses than this a minute, 5 minutes in a row.</summary>
    public double Target5xxCount { get; init; } = 10;

    /// <summary>p99 target response time above this many seconds, 5 minutes in a row.</summary>
    public double TargetResponseTimeSeconds { get; init; } = 5;

    public double CpuPercent { get; init; } = 80;

    public double MemoryPercent { get; init; } = 80;

    /// <summary>More failed STS AssumeRole calls than this within 5 minutes.</summary>
    public double RoleAssumptionFailures { get; init; } = 5;
}
