using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog.Tabulator;

/// <summary>One tabulator table of a bucket (<c>bucketConfig.tabulatorTables</c>): its name and its YAML configuration.</summary>
public sealed record CatalogTabulatorTable
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("config")] public required string Config { get; init; }
}
