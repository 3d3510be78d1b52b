using Microsoft.AspNetCore.StaticFiles;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>
/// The content type of an object written without one, inferred from its key's extension as S3 tools do (the AWS CLI,
/// the console), so <c>data.csv</c> is stored as CSV and <c>chart.png</c> as an image. Text gets its UTF-8 charset;
/// an unknown extension falls back to plain text or raw bytes.
/// </summary>
public static class ContentTypeDefaults
{
    private const string Utf8 = "; charset=utf-8";
    private static readonly FileExtensionContentTypeProvider Known = new();

    public static string For(string key, bool isText)
    {
        if (!Known.TryGetContentType(key, out var contentType))
        {
            return isText ? "text/plain" + Utf8 : "application/octet-stream";
        }

        return isText && (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/json")
            ? contentType + Utf8
            : contentType;
    }
}
