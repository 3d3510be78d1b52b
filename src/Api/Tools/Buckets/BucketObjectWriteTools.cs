using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>Writing objects into a bucket.</summary>
[McpServerToolType]
public sealed class BucketObjectWriteTools(S3Gateway s3)
{
    public const string PutName = "bucket_objects_put";

    [McpServerTool(Name = PutName, UseStructuredContent = true, Title = "Write objects", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Writes up to 100 objects to a bucket, each from text (UTF-8) or base64 data, with optional content type "
        + "and user metadata. All items are validated before any is written; each item then reports whether it was "
        + "written. An object is either written whole or not at all. Overwrites existing keys; in a versioned bucket "
        + "the earlier content stays readable as a version, and each item reports the version_id it got. To publish written "
        + "files as a versioned dataset, follow with package_create or package_update.")]
    public async Task<PutResult> PutAsync(
        Caller caller,
        [Description("The bucket name (no s3://).")] string bucket,
        [Description("Objects to write: {key, text | data (base64), content_type, metadata}.")] PutItem[] items,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        var prepared = PutItemValidator.Prepare(items);
        using var client = await s3.OpenAsync(caller, PutName, bucket, S3Actions.PutObject, cancellationToken);

        var results = new List<PutItemResult>(prepared.Count);
        foreach (var item in prepared)
        {
            var uri = new S3Uri(bucket, item.Key).ToString();
            try
            {
                var response = await S3ObjectWriter.PutAsync(client, bucket, item.Key, item.Body, item.ContentType, item.Metadata, cancellationToken);
                results.Add(new PutItemResult
                {
                    Key = item.Key,
                    S3Uri = uri,
                    Written = true,
                    Size = item.Body.Length,
                    ETag = response.ETag,
                    VersionId = S3VersionId.Reported(response.VersionId),
                });
            }
            catch (Exception failure) when (S3Errors.IsS3Failure(failure))
            {
                results.Add(new PutItemResult { Key = item.Key, S3Uri = uri, Error = S3Errors.Translate(failure, uri).Message });
            }
        }

        var written = results.Count(result => result.Written);
        return written == 0
            ? throw new McpException($"No object was written: {results[0].Error}")
            : new PutResult { Bucket = bucket, Written = written, Failed = results.Count - written, Items = results };
    }
}
