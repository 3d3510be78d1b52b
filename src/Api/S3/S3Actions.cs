namespace QuiltMcp.Orleans.Api.S3;

/// <summary>The IAM action names tools check against the token's <c>permissions</c> claim.</summary>
public static class S3Actions
{
    public const string GetObject = "s3:GetObject";
    public const string GetObjectVersion = "s3:GetObjectVersion";
    public const string PutObject = "s3:PutObject";
    public const string ListBucket = "s3:ListBucket";
    public const string ListBucketVersions = "s3:ListBucketVersions";
    public const string DeleteObject = "s3:DeleteObject";
    public const string ListAllMyBuckets = "s3:ListAllMyBuckets";

    /// <summary>Reading a specific version needs its own action in IAM, so the check follows suit.</summary>
    public static string Read(S3Uri uri) => uri.VersionId is null ? GetObject : GetObjectVersion;
}
