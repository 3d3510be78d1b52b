using System.ComponentModel;
using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// One condition of <c>search_catalog</c>'s <c>metadata</c> argument, on the package metadata at <see cref="Path"/>:
/// exactly one kind of condition (values or a pattern, text, a number range, a date range, or a boolean).
/// </summary>
public sealed record MetadataFilter
{
    [JsonPropertyName("path")] [Description("JSON pointer into the package metadata, e.g. /experiment/assay.")]
    public string? Path { get; init; }

    [JsonPropertyName("values")] [Description("Keyword condition: the value is one of these, exactly.")]
    public string[]? Values { get; init; }

    [JsonPropertyName("pattern")] [Description("Keyword condition: the value matches this pattern (* and ?).")]
    public string? Pattern { get; init; }

    [JsonPropertyName("text")] [Description("Text condition: query-string syntax, matched against the value's words.")]
    public string? Text { get; init; }

    [JsonPropertyName("min")] [Description("Number condition: at least this.")]
    public double? Min { get; init; }

    [JsonPropertyName("max")] [Description("Number condition: at most this.")]
    public double? Max { get; init; }

    [JsonPropertyName("after")] [Description("Date condition: on or after this ISO 8601 date or time.")]
    public string? After { get; init; }

    [JsonPropertyName("before")] [Description("Date condition: on or before this ISO 8601 date or time.")]
    public string? Before { get; init; }

    [JsonPropertyName("boolean")] [Description("Boolean condition: the value is this.")]
    public bool? Boolean { get; init; }
}
