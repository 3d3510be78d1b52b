namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The limits data tools enforce. They bound what one call may read into memory or write, so one caller cannot
/// exhaust a silo that serves many.
/// </summary>
public static class S3Limits
{
    /// <summary>S3's own cap on one ListObjectsV2 page.</summary>
    public const int MaxKeysPerPage = 1000;

    public const int DefaultKeysPerPage = 100;

    /// <summary>S3's key length limit, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    public const int DefaultTextBytes = 64 * 1024;

    public const int MaxTextBytes = 4 * 1024 * 1024;

    public const int DefaultFetchBytes = 1024 * 1024;

    public const int MaxFetchBytes = 8 * 1024 * 1024;

    public const int MaxPutItems = 100;

    /// <summary>One item's decoded size; the HTTP body limit usually bites first.</summary>
    public const int MaxPutItemBytes = 8 * 1024 * 1024;

    /// <summary>S3 user metadata is limited to 2 KB in total.</summary>
    public const int MaxUserMetadataBytes = 2048;

    public const int DefaultLinkSeconds = 3600;

    /// <summary>SigV4 presigned URLs live at most seven days.</summary>
    public const int MaxLinkSeconds = 7 * 24 * 3600;

    /// <summary>Objects one package may reference.</summary>
    public const int MaxPackageEntries = 10_000;

    /// <summary>The largest manifest read back; larger ones are refused rather than loaded.</summary>
    public const long MaxManifestBytes = 128L * 1024 * 1024;

    public const int DefaultBrowseEntries = 1000;

    public const int MaxBrowseEntries = 10_000;

    public const int DefaultPackageListLimit = 100;

    public const int MaxPackageListLimit = 1000;

    /// <summary>Objects hashed at the same time while building a package.</summary>
    public const int HashConcurrency = 4;
}
