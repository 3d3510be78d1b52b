namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// A first-page catalog search, already validated. <see cref="Buckets"/> null searches every bucket the catalog lets
/// the bearer search; a list is never empty (the catalog could read an empty list as "no restriction").
/// </summary>
public sealed record CatalogSearchRequest
{
    public required CatalogSearchKind Kind { get; init; }

    public IReadOnlyList<string>? Buckets { get; init; }

    /// <summary>Elasticsearch query-string syntax; null matches everything the filters allow.</summary>
    public string? SearchString { get; init; }

    /// <summary>Package name (packages) or object key (objects).</summary>
    public CatalogKeywordMatch? Name { get; init; }

    /// <summary>Object extensions, each with its leading dot, lowercase (objects only).</summary>
    public IReadOnlyList<string>? Extensions { get; init; }

    public CatalogNumberRange? Size { get; init; }

    public CatalogDateRange? Modified { get; init; }

    /// <summary>Package user-metadata conditions, all of which must hold (packages only).</summary>
    public IReadOnlyList<CatalogMetaPredicate>? UserMeta { get; init; }

    /// <summary>Only each package's latest revision (packages only).</summary>
    public bool LatestOnly { get; init; }

    public required int PageSize { get; init; }

    public CatalogSearchOrder Order { get; init; }
}
