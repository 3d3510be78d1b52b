using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>One page of <c>search_catalog</c>: packages or objects, as searched.</summary>
public sealed record SearchResult
{
    /// <summary><c>packages</c> or <c>objects</c>.</summary>
    [JsonPropertyName("result_type")] public required string ResultType { get; init; }

    /// <summary>How many hits the whole search has (as the catalog counted them on the first page).</summary>
    [JsonPropertyName("total")] public int? Total { get; init; }

    /// <summary>The buckets searched; absent when the catalog chose (every bucket it lets you search) or on a later page.</summary>
    [JsonPropertyName("buckets")] public IReadOnlyList<string>? Buckets { get; init; }

    [JsonPropertyName("packages")] public IReadOnlyList<PackageSearchHit>? Packages { get; init; }
    [JsonPropertyName("objects")] public IReadOnlyList<ObjectSearchHit>? Objects { get; init; }

    /// <summary>Pass as <c>cursor</c> for the next page; absent on the last page.</summary>
    [JsonPropertyName("next_cursor")] public string? NextCursor { get; init; }
}
