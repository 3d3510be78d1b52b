using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>
/// Rejects grain storage settings DynamoDB would refuse later with a less helpful error, naming the setting at fault.
/// Runs for every named provider; the membership table's name is read to refuse sharing it, since the two tables
/// have different keys.
/// </summary>
public sealed class DynamoDbGrainStorageOptionsValidator(IOptions<DynamoDbClusteringOptions> clustering)
    : IValidateOptions<DynamoDbGrainStorageOptions>
{
    private const string Section = DynamoDbGrainStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DynamoDbGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (!DynamoDbTableNames.IsValid(options.TableName))
        {
            failures.Add($"{Section}:TableName '{options.TableName}' {DynamoDbTableNames.Rule}");
        }
        else if (string.Equals(options.TableName, clustering.Value.MembershipTableName, StringComparison.Ordinal))
        {
            failures.Add($"{Section}:TableName must differ from {DynamoDbClusteringOptions.SectionName}:MembershipTableName: the two tables have different keys.");
        }

        if (options.TimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:TimeToLive must be positive (e.g. 7.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
