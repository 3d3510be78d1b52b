using System.Text;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>
/// The content block an object's bytes travel in, by what they are, so a client shows them as what they are: an image
/// as MCP image content (a model can look at it), text as text when it decodes by the same rule bucket_object_text
/// uses (strict UTF-8, no NUL), anything else as an embedded blob resource.
/// </summary>
public static class FetchedContent
{
    private static readonly Encoding Utf8 = ObjectTextDecoder.Resolve("utf-8");

    public static ContentBlock For(byte[] data, string s3Uri, string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.StartsWith("image/", StringComparison.Ordinal))
        {
            return ImageContentBlock.FromBytes(data, mediaType);
        }

        if (IsTextual(mediaType) && ObjectTextDecoder.TryDecode(data, Utf8, truncated: false) is { } text)
        {
            return new TextContentBlock { Text = text };
        }

        return new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes(data, s3Uri, contentType) };
    }

    internal static bool IsTextual(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType is "application/json" or "application/xml" or "application/x-yaml" or "application/yaml" or "application/jsonl"
        || mediaType.EndsWith("+json", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal);
}
