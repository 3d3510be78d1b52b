using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_tabulator_tables_list</c>.</summary>
public sealed record TabulatorTableList
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("tables")] public required IReadOnlyList<TabulatorTableSummary> Tables { get; init; }
}
