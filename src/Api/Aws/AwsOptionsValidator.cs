using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>Checks the <c>Aws</c> section at start-up; each message names the setting.</summary>
public sealed partial class AwsOptionsValidator(IOptions<CredentialCacheOptions> cache) : IValidateOptions<AwsOptions>
{
    private const int MaxStsAttempts = 5;

    /// <summary>
    /// A principal grain's STS call must end within Orleans' grain call timeout (30 s by default), or its callers get a
    /// bare timeout instead of the AWS error code; 20 s of attempts leaves room for the SDK's back-off between them
    /// (about a second each, measured).
    /// </summary>
    private static readonly TimeSpan MaxStsWait = TimeSpan.FromSeconds(20);

    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        if (options.RoleDurationSeconds is < AwsOptions.MinimumRoleDurationSeconds or > AwsOptions.MaximumRoleDurationSeconds)
        {
            failures.Add($"Aws:RoleDurationSeconds must be between {AwsOptions.MinimumRoleDurationSeconds} and "
                + $"{AwsOptions.MaximumRoleDurationSeconds}, not {options.RoleDurationSeconds}.");
        }

        if (options.StsMaxAttempts is < 1 or > MaxStsAttempts)
        {
            failures.Add($"Aws:StsMaxAttempts must be between 1 and {MaxStsAttempts}, not {options.StsMaxAttempts}.");
        }

        if (options.StsTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Aws:StsTimeout must be positive, not {options.StsTimeout}.");
        }
        else if (options.StsTimeout * Math.Max(options.StsMaxAttempts, 1) > MaxStsWait)
        {
            failures.Add($"Aws:StsMaxAttempts × Aws:StsTimeout must be at most {MaxStsWait.TotalSeconds:0} s, not "
                + $"{options.StsMaxAttempts} × {options.StsTimeout.TotalSeconds:0.###} s.");
        }

        if (options.Region is { Length: > 0 } region && !RegionPattern().IsMatch(region))
        {
            failures.Add($"Aws:Region '{region}' is not an AWS region name such as us-east-1.");
        }

        if (options.StsServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"Aws:StsServiceUrl must be an absolute URL, not '{url}'.");
        }

        if (options.DesktopRoleArn is { Length: > 0 } desktopRole && !IamRoleArns.IsRoleArn(desktopRole))
        {
            failures.Add($"Aws:DesktopRoleArn (QUILT_USER_ROLE_ARN) must be an IAM role ARN, not '{desktopRole}'.");
        }

        foreach (var (tag, claim) in options.SessionTagClaims)
        {
            if (tag.Length is 0 or > 128 || string.IsNullOrWhiteSpace(claim))
            {
                failures.Add($"Aws:SessionTagClaims:{tag} must map a tag key of 1–128 characters to a claim name.");
            }
        }

        var refresh = cache.Value.RefreshBeforeExpiry;
        if (refresh < TimeSpan.Zero || refresh >= TimeSpan.FromSeconds(options.RoleDurationSeconds))
        {
            failures.Add($"Aws:RefreshBeforeExpiry must be at least 0 and shorter than Aws:RoleDurationSeconds, not {refresh}.");
        }

        if (cache.Value.RetryFailedAfter < TimeSpan.Zero)
        {
            failures.Add($"Aws:RetryFailedAfter must not be negative, not {cache.Value.RetryFailedAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[a-z]{2}(-[a-z]+)+-\d+\z")]
    private static partial System.Text.RegularExpressions.Regex RegionPattern();
}
