namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// What one S3 client may address: the buckets its tool call was authorized for, and whether it may list the
/// account's buckets (the bucket-less request of a desktop <c>bucket_list</c>). Anything else is refused before it is
/// sent, whatever the request says.
/// </summary>
public sealed class S3ClientScope
{
    private S3ClientScope(IReadOnlySet<string> buckets, bool mayListBuckets)
    {
        Buckets = buckets;
        MayListBuckets = mayListBuckets;
    }

    public IReadOnlySet<string> Buckets { get; }

    public bool MayListBuckets { get; }

    /// <summary>Exactly these buckets (compared ordinally, as S3 bucket names are lowercase).</summary>
    public static S3ClientScope ForBuckets(IEnumerable<string> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return new S3ClientScope(new HashSet<string>(buckets, StringComparer.Ordinal), mayListBuckets: false);
    }

    /// <summary>The account's bucket list and no bucket's content.</summary>
    public static S3ClientScope BucketListOnly { get; } = new(new HashSet<string>(StringComparer.Ordinal), mayListBuckets: true);
}
