using System.Text;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools.Buckets;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// An object's bytes as resource contents: text when they are UTF-8 text by the rule <c>bucket_object_text</c> uses
/// (strict UTF-8, no NUL) and the content type does not say otherwise (a textual type, or none beyond "bytes"),
/// a base64 blob otherwise. The MIME type is the object's own, or inferred from its key as writes infer it.
/// </summary>
public static class ObjectResourceContents
{
    private static readonly Encoding Utf8 = ObjectTextDecoder.Resolve("utf-8");

    public static ResourceContents For(string uri, string key, byte[] data, string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var mayBeText = FetchedContent.IsTextual(mediaType) || IsUnspecific(mediaType);
        if (mayBeText && ObjectTextDecoder.TryDecode(data, Utf8, truncated: false) is { } text)
        {
            return new TextResourceContents
            {
                Uri = uri,
                MimeType = IsUnspecific(mediaType) ? ContentTypeDefaults.For(key, isText: true) : contentType,
                Text = text,
            };
        }

        return BlobResourceContents.FromBytes(data, uri, IsUnspecific(mediaType) ? ContentTypeDefaults.For(key, isText: false) : contentType);
    }

    /// <summary>No type, or one that only says "bytes" (what stores record for an upload that named none).</summary>
    private static bool IsUnspecific(string mediaType) => mediaType is "" or "application/octet-stream" or "binary/octet-stream";
}
