using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One tabulator table: its name and its configuration, the YAML text as the catalog keeps it.</summary>
public sealed record TabulatorTableSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("config")] public required string Config { get; init; }
}
