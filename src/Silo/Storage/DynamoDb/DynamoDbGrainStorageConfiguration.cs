using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>
/// Binds a grain storage provider from <c>Cluster:GrainStorage</c>. The keys that held these settings before grain
/// storage had its own section (<c>Cluster:DynamoDb:GrainStateTableName</c>, <c>…:GrainStateTimeToLive</c>, and the
/// shared <c>…:CreateIfNotExists</c>) still apply when the new key is not set, so a task definition written for an
/// earlier release keeps its table instead of silently switching to the default one.
/// </summary>
public static class DynamoDbGrainStorageConfiguration
{
    public const string LegacyTableNameKey = "GrainStateTableName";
    public const string LegacyTimeToLiveKey = "GrainStateTimeToLive";

    public static OptionsBuilder<DynamoDbGrainStorageOptions> BindGrainStorage(
        this OptionsBuilder<DynamoDbGrainStorageOptions> builder,
        IConfiguration configuration)
    {
        var legacy = configuration.GetSection(DynamoDbClusteringOptions.SectionName);

        // Options actions run in registration order: the legacy keys first, so the section bound next wins.
        builder.Configure(options =>
        {
            if (legacy[LegacyTableNameKey] is { } tableName)
            {
                options.TableName = tableName;
            }

            if (legacy.GetValue<TimeSpan?>(LegacyTimeToLiveKey) is { } timeToLive)
            {
                options.TimeToLive = timeToLive;
            }

            if (legacy.GetValue<bool?>(nameof(DynamoDbClusteringOptions.CreateIfNotExists)) is { } create)
            {
                options.CreateIfNotExists = create;
            }
        });
        return builder.Bind(configuration.GetSection(DynamoDbGrainStorageOptions.SectionName));
    }
}
