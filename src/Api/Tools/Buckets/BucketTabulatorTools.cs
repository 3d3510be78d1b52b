using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Catalog.Tabulator;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>A bucket's tabulator tables, read from the Quilt catalog as the caller.</summary>
[McpServerToolType]
public sealed class BucketTabulatorTools(BucketAccessPolicy buckets, CatalogTabulatorReader tabulator)
{
    public const string TablesListName = "bucket_tabulator_tables_list";

    [McpServerTool(Name = TablesListName, UseStructuredContent = true, Title = "List tabulator tables", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Lists the tabulator tables the Quilt catalog defines for a bucket: each table's name and its YAML "
        + "configuration (which packages and files it reads, how their rows are parsed, the columns and their types), "
        + "as the catalog keeps it. Tabulator tables let Athena query the contents of many packages as one table. "
        + "Read-only; the bucket must be one you may list (see bucket_list).")]
    public async Task<TabulatorTableList> ListTablesAsync(
        Caller caller,
        [Description("The bucket name (no s3://).")] string bucket,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        // Bucket-level catalog configuration, not any object: the grant that lets a caller see what a bucket holds.
        buckets.EnsureAllowed(caller, TablesListName, bucket, S3Actions.ListBucket);

        IReadOnlyList<CatalogTabulatorTable>? tables;
        try
        {
            tables = await tabulator.GetTablesAsync(caller, bucket, cancellationToken);
        }
        catch (CatalogRequestException failure)
        {
            throw new McpException($"The Quilt catalog could not list the tabulator tables of '{bucket}': {failure.Message}");
        }

        return tables is null
            ? throw new McpException($"The Quilt catalog has no bucket '{bucket}' (or does not show it to you); bucket_list names the buckets it has.")
            : new TabulatorTableList
            {
                Bucket = bucket,
                Tables = tables.Select(table => new TabulatorTableSummary { Name = table.Name, Config = table.Config }).ToArray(),
            };
    }
}
