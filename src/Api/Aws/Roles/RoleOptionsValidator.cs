namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>Stops start-up on a role setting that could only fail later, naming the setting.</summary>
public sealed class RoleOptionsValidator : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.AccountId) && !IamRoleArns.IsAccountId(options.AccountId))
        {
            failures.Add($"Roles:AccountId must be a 12-digit AWS account id, not '{options.AccountId}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Partition) || !options.Partition.StartsWith("aws", StringComparison.Ordinal))
        {
            failures.Add($"Roles:Partition must be an AWS partition such as 'aws' or 'aws-us-gov', not '{options.Partition}'.");
        }

        foreach (var (roleName, arn) in options.RoleArns)
        {
            if (!IamRoleArns.IsRoleArn(arn))
            {
                failures.Add($"Roles:RoleArns:{roleName} must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), not '{arn}'.");
            }
        }

        for (var i = 0; i < options.AllowedHeaderRoles.Count; i++)
        {
            var entry = options.AllowedHeaderRoles[i];
            if (!IamRoleArns.IsRoleArn(entry) && !IamRoleArns.IsRoleName(entry))
            {
                failures.Add($"Roles:AllowedHeaderRoles:{i} must be an IAM role name or ARN, not '{entry}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
