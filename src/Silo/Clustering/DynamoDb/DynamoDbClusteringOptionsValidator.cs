using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>Rejects settings DynamoDB would refuse later with a less helpful error, naming the setting at fault.</summary>
public sealed partial class DynamoDbClusteringOptionsValidator : IValidateOptions<DynamoDbClusteringOptions>
{
    private const string Section = DynamoDbClusteringOptions.SectionName;

    /// <summary>More attempts only lengthen how long a request waits for a DynamoDB that is not answering.</summary>
    private const int MaxAttempts = 10;

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, DynamoDbClusteringOptions options)
    {
        var failures = new List<string>();
        if (!DynamoDbTableNames.IsValid(options.MembershipTableName))
        {
            failures.Add($"{Section}:MembershipTableName '{options.MembershipTableName}' {DynamoDbTableNames.Rule}");
        }

        // Blank counts as unset: an empty environment variable must not disable the SDK's own endpoint resolution.
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && options.ServiceUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:ServiceUrl '{url}' is not an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && options.Region is { } region && !RegionName().IsMatch(region))
        {
            failures.Add($"{Section}:Region '{region}' does not look like an AWS region name (e.g. us-east-1).");
        }

        if (options.MaxAttempts is < 1 or > MaxAttempts)
        {
            failures.Add($"{Section}:MaxAttempts must be between 1 and {MaxAttempts}, not {options.MaxAttempts}.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"{Section}:Timeout must be positive and at most {MaxTimeout}, not {options.Timeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The shape of a region name, not a list: a list would reject regions newer than this build.
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionName();
}
