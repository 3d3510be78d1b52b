namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// A keyword predicate: any of <see cref="Terms"/> exactly, or the <see cref="Wildcard"/> pattern (<c>*</c> and
/// <c>?</c>), as the catalog's <c>KeywordSearchPredicate</c> takes it.
/// </summary>
public sealed record CatalogKeywordMatch(IReadOnlyList<string>? Terms, string? Wildcard)
{
    /// <summary>A pattern when the value has a wildcard character, else the one exact term.</summary>
    public static CatalogKeywordMatch Of(string value) =>
        value.AsSpan().IndexOfAny('*', '?') >= 0 ? new CatalogKeywordMatch(null, value) : new CatalogKeywordMatch([value], null);
}
