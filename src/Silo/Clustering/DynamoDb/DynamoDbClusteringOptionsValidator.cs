using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>Rejects settings DynamoDB would refuse later with a less helpful error, naming the setting at fault.</summary>
public sealed partial class DynamoDbClusteringOptionsValidator : IValidateOptions<DynamoDbClusteringOptions>
{
    // DynamoDB table names: 3-255 characters of a-z, A-Z, 0-9, '_', '-', '.'.
    private const int MinTableNameLength = 3;
    private const int MaxTableNameLength = 255;

    public ValidateOptionsResult Validate(string? name, DynamoDbClusteringOptions options)
    {
        var failures = new List<string>();
        ValidateTableName(nameof(options.MembershipTableName), options.MembershipTableName, failures);
        ValidateTableName(nameof(options.GrainStateTableName), options.GrainStateTableName, failures);

        if (!string.IsNullOrWhiteSpace(options.MembershipTableName)
            && string.Equals(options.MembershipTableName, options.GrainStateTableName, StringComparison.Ordinal))
        {
            failures.Add($"{DynamoDbClusteringOptions.SectionName}:GrainStateTableName must differ from MembershipTableName: the two tables have different keys.");
        }

        // Blank counts as unset: an empty environment variable must not disable the SDK's own endpoint resolution.
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && options.ServiceUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{DynamoDbClusteringOptions.SectionName}:ServiceUrl '{url}' is not an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && options.Region is { } region && !RegionName().IsMatch(region))
        {
            failures.Add($"{DynamoDbClusteringOptions.SectionName}:Region '{region}' does not look like an AWS region name (e.g. us-east-1).");
        }

        if (options.GrainStateTimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"{DynamoDbClusteringOptions.SectionName}:GrainStateTimeToLive must be positive (e.g. 7.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The shape of a region name, not a list: a list would reject regions newer than this build.
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionName();

    private static void ValidateTableName(string setting, string? value, List<string> failures)
    {
        if (string.IsNullOrEmpty(value)
            || value.Length is < MinTableNameLength or > MaxTableNameLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            failures.Add($"{DynamoDbClusteringOptions.SectionName}:{setting} '{value}' must be 3-255 characters of letters, digits, '_', '-' or '.'.");
        }
    }
}
