namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>An inclusive number range, either end open (the catalog's <c>NumberSearchPredicate</c>).</summary>
public sealed record CatalogNumberRange(double? AtLeast, double? AtMost);
