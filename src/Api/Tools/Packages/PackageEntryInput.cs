using System.ComponentModel;
using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>What to put in a package: one object, or every object under a prefix (an URI ending in <c>/</c>).</summary>
public sealed record PackageEntryInput
{
    [JsonPropertyName("s3_uri")]
    [Description("s3://bucket/key (optionally ?versionId=…) for one object, or s3://bucket/prefix/ for every object under it.")]
    public string? S3Uri { get; init; }

    [JsonPropertyName("logical_key")]
    [Description("Where it goes in the package: the file's path for an object (default: its file name), the folder for a prefix (default: the root).")]
    public string? LogicalKey { get; init; }

    [JsonPropertyName("meta")]
    [Description("Entry metadata (a JSON object), stored as the entry's user_meta.")]
    public JsonElement? Meta { get; init; }
}
