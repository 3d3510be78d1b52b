using System.ComponentModel;
using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One object for <c>bucket_objects_put</c>: exactly one of <see cref="Text"/> and <see cref="Data"/>.</summary>
public sealed record PutItem
{
    [JsonPropertyName("key")] [Description("The object key.")] public string? Key { get; init; }

    [JsonPropertyName("text")] [Description("Text content, stored as UTF-8.")] public string? Text { get; init; }

    [JsonPropertyName("data")] [Description("Binary content, base64-encoded.")] public string? Data { get; init; }

    [JsonPropertyName("content_type")] [Description("MIME type. By default inferred from the key's extension (data.csv: text/csv); text/plain; charset=utf-8 for other text, application/octet-stream for other data.")]
    public string? ContentType { get; init; }

    [JsonPropertyName("metadata")] [Description("S3 user metadata (x-amz-meta-*), ASCII names and values.")]
    public Dictionary<string, string>? Metadata { get; init; }
}
