namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>One package revision the catalog's search found.</summary>
public sealed record CatalogPackageHit
{
    public required string Bucket { get; init; }

    public required string Name { get; init; }

    public required string Hash { get; init; }

    public long Size { get; init; }

    public DateTimeOffset? Modified { get; init; }

    public int Entries { get; init; }

    /// <summary>The revision's commit message.</summary>
    public string? Comment { get; init; }

    /// <summary>The package's user metadata as the catalog indexed it (JSON text).</summary>
    public string? Meta { get; init; }

    /// <summary>Where the query matched: <c>name</c>, <c>comment</c>, <c>meta</c>, <c>workflow</c>.</summary>
    public IReadOnlyList<string> MatchedIn { get; init; } = [];

    /// <summary>Logical keys of the entries that matched, as the catalog lists them.</summary>
    public IReadOnlyList<string> MatchingEntries { get; init; } = [];
}
