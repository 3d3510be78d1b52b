using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>The result of <c>package_delete</c>.</summary>
public sealed record PackageDeletion
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("pointers_deleted")] public int PointersDeleted { get; init; }
}
