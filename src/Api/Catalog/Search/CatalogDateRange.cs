namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>An inclusive time range, either end open (the catalog's <c>DatetimeSearchPredicate</c>).</summary>
public sealed record CatalogDateRange(DateTimeOffset? From, DateTimeOffset? To);
