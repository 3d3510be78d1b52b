using System.ComponentModel;
using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>Reading one object: its metadata, its text, its bytes, or a link to it.</summary>
[McpServerToolType]
public sealed class BucketObjectReadTools(S3Gateway s3, TimeProvider time)
{
    public const string InfoName = "bucket_object_info";
    public const string TextName = "bucket_object_text";
    public const string FetchName = "bucket_object_fetch";
    public const string LinkName = "bucket_object_link";

    private const string VersionIdDescription = "An S3 version id: read that version instead of the current one (the same as "
        + "?versionId= in s3_uri). bucket_object_info shows an object's current version_id, bucket_objects_put the one it wrote.";

    [McpServerTool(Name = InfoName, UseStructuredContent = true, Title = "Object metadata", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Returns an object's size, content type, ETag, last-modified time, version and user metadata without "
        + "reading its content: use it to decide how to read an object (bucket_object_text for text, "
        + "bucket_object_fetch for images and small binaries, bucket_object_link for large ones).")]
    public async Task<ObjectInfo> GetInfoAsync(
        Caller caller,
        [Description("s3://bucket/key, optionally with ?versionId=…")] string s3_uri,
        [Description(VersionIdDescription)] string? version_id = null,
        CancellationToken cancellationToken = default)
    {
        var uri = S3Uri.Parse(s3_uri).WithVersion(version_id);
        using var client = await s3.OpenAsync(caller, InfoName, uri.Bucket, S3Actions.Read(uri), cancellationToken);
        var head = await S3Errors.RunAsync(uri, () => client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = uri.Bucket,
            Key = uri.Key,
            VersionId = uri.VersionId,
        }, cancellationToken));

        return new ObjectInfo
        {
            S3Uri = uri.ToString(),
            Bucket = uri.Bucket,
            Key = uri.Key,
            Size = head.ContentLength,
            ContentType = head.Headers.ContentType,
            ETag = head.ETag,
            LastModified = head.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : null,
            VersionId = S3VersionId.Reported(head.VersionId),
            Metadata = head.Metadata.Keys.ToDictionary(
                name => name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? name["x-amz-meta-".Length..] : name,
                name => head.Metadata[name],
                StringComparer.Ordinal),
        };
    }

    [McpServerTool(Name = TextName, UseStructuredContent = true, Title = "Read an object as text", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Reads a text object (CSV, JSON, Markdown, code, logs) and returns up to max_bytes of it as text; "
        + "truncated says whether there was more. Binary content is refused: use bucket_object_fetch for images and "
        + "other bytes, and bucket_object_link when the user needs the file itself.")]
    public async Task<ObjectText> GetTextAsync(
        Caller caller,
        [Description("s3://bucket/key, optionally with ?versionId=…")] string s3_uri,
        [Description(VersionIdDescription)] string? version_id = null,
        [Description("The most bytes to read, 1–4194304.")] int max_bytes = S3Limits.DefaultTextBytes,
        [Description("utf-8 (default), utf-16, utf-16le, utf-16be, latin-1 or ascii.")] string encoding = "utf-8",
        CancellationToken cancellationToken = default)
    {
        var uri = S3Uri.Parse(s3_uri).WithVersion(version_id);
        EnsureLimit(max_bytes, S3Limits.MaxTextBytes);
        var decoding = ObjectTextDecoder.Resolve(encoding);
        using var client = await s3.OpenAsync(caller, TextName, uri.Bucket, S3Actions.Read(uri), cancellationToken);
        var (data, truncated, response) = await ReadAsync(client, uri, max_bytes, cancellationToken);
        return new ObjectText
        {
            S3Uri = uri.ToString(),
            Encoding = decoding.WebName,
            Text = ObjectTextDecoder.Decode(data, decoding, truncated, uri.ToString()),
            Truncated = truncated,
            BytesRead = data.Length,
            Size = response.ContentLength,
            ContentType = response.Headers.ContentType,
            VersionId = S3VersionId.Reported(response.VersionId),
        };
    }

    [McpServerTool(Name = FetchName, Title = "Fetch an object's bytes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Returns a JSON summary and the whole object as MCP content: an image as image content (so you can look at "
        + "it), UTF-8 text as text, other bytes as an embedded resource (base64 blob). Objects larger than max_bytes "
        + "are refused rather than cut: for part of a large text use bucket_object_text, for a large file "
        + "bucket_object_link.")]
    public async Task<CallToolResult> FetchAsync(
        Caller caller,
        [Description("s3://bucket/key, optionally with ?versionId=…")] string s3_uri,
        [Description(VersionIdDescription)] string? version_id = null,
        [Description("The largest object to return, 1–8388608 bytes.")] int max_bytes = S3Limits.DefaultFetchBytes,
        CancellationToken cancellationToken = default)
    {
        var uri = S3Uri.Parse(s3_uri).WithVersion(version_id);
        EnsureLimit(max_bytes, S3Limits.MaxFetchBytes);
        using var client = await s3.OpenAsync(caller, FetchName, uri.Bucket, S3Actions.Read(uri), cancellationToken);
        var (data, truncated, response) = await ReadAsync(client, uri, max_bytes, cancellationToken);
        if (truncated)
        {
            throw new McpException($"{uri} is larger than max_bytes ({max_bytes}); raise max_bytes (up to {S3Limits.MaxFetchBytes}) or use bucket_object_link.");
        }

        var contentType = string.IsNullOrEmpty(response.Headers.ContentType) ? "application/octet-stream" : response.Headers.ContentType;
        var summary = JsonSerializer.Serialize(new
        {
            s3_uri = uri.ToString(),
            size = data.Length,
            content_type = contentType,
            etag = response.ETag,
            version_id = S3VersionId.Reported(response.VersionId),
        }, ToolResultJson.Options);
        return new CallToolResult { Content = [new TextContentBlock { Text = summary }, FetchedContent.For(data, uri.ToString(), contentType)] };
    }

    [McpServerTool(Name = LinkName, UseStructuredContent = true, Title = "Presigned download link", ReadOnly = true, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Returns a presigned HTTPS GET URL for an object, for the user to download or share (you do not read the "
        + "content through it), valid for expiration seconds: at most 7 days, and never longer than the credentials "
        + "that sign it (expires_at says when).")]
    public async Task<ObjectLink> GetLinkAsync(
        Caller caller,
        [Description("s3://bucket/key, optionally with ?versionId=…")] string s3_uri,
        [Description(VersionIdDescription)] string? version_id = null,
        [Description("Lifetime in seconds, 1–604800.")] int expiration = S3Limits.DefaultLinkSeconds,
        CancellationToken cancellationToken = default)
    {
        var uri = S3Uri.Parse(s3_uri).WithVersion(version_id);
        if (expiration is < 1 or > S3Limits.MaxLinkSeconds)
        {
            throw new McpException($"expiration must be between 1 and {S3Limits.MaxLinkSeconds} seconds (7 days), not {expiration}.");
        }

        var (client, access) = await s3.OpenWithAccessAsync(caller, LinkName, [(uri.Bucket, S3Actions.Read(uri))], cancellationToken);
        using var disposeClient = client;
        var expires = time.GetUtcNow().AddSeconds(expiration);
        var url = await S3Errors.RunAsync(uri, () => client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = uri.Bucket,
            Key = uri.Key,
            VersionId = uri.VersionId,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = S3ClientFactory.UsesHttp(client) ? Protocol.HTTP : Protocol.HTTPS,
        }));

        return new ObjectLink
        {
            S3Uri = uri.ToString(),
            Url = url,
            VersionId = uri.VersionId,
            ExpiresAt = access.Expiration is { } credentialsExpire && credentialsExpire < expires ? credentialsExpire : expires,
            CredentialsExpireAt = access.Expiration,
        };
    }

    private static void EnsureLimit(int maxBytes, int ceiling)
    {
        if (maxBytes < 1 || maxBytes > ceiling)
        {
            throw new McpException($"max_bytes must be between 1 and {ceiling}, not {maxBytes}.");
        }
    }

    private static async Task<(byte[] Data, bool Truncated, GetObjectResponse Response)> ReadAsync(
        IAmazonS3 client, S3Uri uri, int maxBytes, CancellationToken cancellationToken)
    {
        var response = await S3Errors.RunAsync(uri, () => client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = uri.Bucket,
            Key = uri.Key,
            VersionId = uri.VersionId,
        }, cancellationToken));
        using (response)
        {
            // The limit is enforced on the stream itself: disposing the response abandons whatever is left.
            var (data, truncated) = await S3Errors.RunAsync(uri.ToString(),
                () => BoundedRead.ReadAsync(response.ResponseStream, maxBytes, cancellationToken));
            return (data, truncated, response);
        }
    }
}
