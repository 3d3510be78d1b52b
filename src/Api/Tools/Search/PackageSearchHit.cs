using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>A package revision <c>search_catalog</c> found: enough to open it with <c>package_browse</c>.</summary>
public sealed record PackageSearchHit
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }

    /// <summary><c>quilt+s3://bucket#package=name@hash</c>.</summary>
    [JsonPropertyName("quilt_uri")] public required string QuiltUri { get; init; }

    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("modified")] public DateTimeOffset? Modified { get; init; }
    [JsonPropertyName("entries")] public int Entries { get; init; }

    /// <summary>The revision's message, shortened.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>Where the query matched: name, comment (the message), meta (the metadata), workflow.</summary>
    [JsonPropertyName("matched_in")] public IReadOnlyList<string>? MatchedIn { get; init; }

    /// <summary>The first logical keys of entries that matched.</summary>
    [JsonPropertyName("matching_entries")] public IReadOnlyList<string>? MatchingEntries { get; init; }

    /// <summary>The start of the package metadata, when the query matched there.</summary>
    [JsonPropertyName("snippet")] public string? Snippet { get; init; }
}
