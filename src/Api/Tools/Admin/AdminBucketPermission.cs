using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>What a policy grants on one bucket.</summary>
public sealed record AdminBucketPermission
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    /// <summary><c>READ</c> or <c>READ_WRITE</c>, as the catalog names the levels.</summary>
    [JsonPropertyName("level")] public required string Level { get; init; }
}
