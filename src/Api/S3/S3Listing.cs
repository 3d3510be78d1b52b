using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>Every object under a prefix, page after page, each page's failure turned into a tool error.</summary>
public static class S3Listing
{
    /// <summary>Lazily: a caller that stops early requests no further pages.</summary>
    public static async IAsyncEnumerable<S3Object> ObjectsAsync(
        IAmazonS3 client, string bucket, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await S3Errors.RunAsync($"s3://{bucket}/{prefix}", () => client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken));
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }
}
