namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// One page of a catalog search: its hits (packages or objects, as searched), the total the first page reported
/// (later pages have none), and the catalog's cursor for the next page, null on the last one.
/// </summary>
public sealed record CatalogSearchPage
{
    public static readonly CatalogSearchPage Empty = new() { Total = 0 };

    public int? Total { get; init; }

    public string? Cursor { get; init; }

    public IReadOnlyList<CatalogPackageHit> Packages { get; init; } = [];

    public IReadOnlyList<CatalogObjectHit> Objects { get; init; } = [];
}
