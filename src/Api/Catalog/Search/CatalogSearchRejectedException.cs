namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// The catalog answered a search with <c>InvalidInput</c>: it understood the request and refused an input (query
/// syntax, a filter, a stale cursor). <see cref="Errors"/> says which, for the caller to name in its own terms.
/// </summary>
public sealed class CatalogSearchRejectedException(IReadOnlyList<CatalogInputError> errors)
    : CallerFacingException("The catalog refused the search: " + string.Join("; ", errors.Select(error => $"{error.Path ?? "input"}: {error.Message}")))
{
    public IReadOnlyList<CatalogInputError> Errors { get; } = errors;
}
