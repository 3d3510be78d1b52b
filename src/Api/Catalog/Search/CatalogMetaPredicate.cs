namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// One condition on a package's user metadata at <see cref="Path"/> (a JSON pointer such as <c>/experiment/date</c>):
/// exactly one of the typed conditions is set, as the catalog's <c>PackageUserMetaPredicate</c> expects.
/// </summary>
public sealed record CatalogMetaPredicate(string Path)
{
    public CatalogKeywordMatch? Keyword { get; init; }

    /// <summary>A query string matched against analysed text.</summary>
    public string? Text { get; init; }

    public CatalogNumberRange? Number { get; init; }

    public CatalogDateRange? Dates { get; init; }

    public bool? Boolean { get; init; }
}
