namespace QuiltMcp.Orleans.S3Tools.Tests.S3rver;

/// <summary>One HTTP request s3rver received (path-style: the first path segment is the bucket).</summary>
public sealed record S3rverRequest(string Method, string Url)
{
    public string Bucket => Url.TrimStart('/').Split('/', '?')[0];
}
