namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>One S3 object (a version of it) the catalog's search found.</summary>
public sealed record CatalogObjectHit
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public string? Version { get; init; }

    public long Size { get; init; }

    public DateTimeOffset? Modified { get; init; }

    public bool Deleted { get; init; }

    /// <summary>The start of the object's indexed text, when the catalog indexed its contents.</summary>
    public string? IndexedContent { get; init; }
}
