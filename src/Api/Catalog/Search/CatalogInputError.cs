namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>One input the catalog refused: where (<c>searchString</c>, <c>filter.size</c>, <c>after</c>…), the error's name and its message.</summary>
public sealed record CatalogInputError(string? Path, string Name, string Message);
