using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>An entry's content hash as quilt3 records it: <c>SHA256</c> (hex) or <c>sha2-256-chunked</c> (base64).</summary>
public sealed record EntryHash(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value)
{
    public const string Sha256 = "SHA256";
    public const string Sha256Chunked = "sha2-256-chunked";
}
