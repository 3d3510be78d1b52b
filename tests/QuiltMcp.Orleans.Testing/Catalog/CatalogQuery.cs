namespace QuiltMcp.Orleans.Testing.Catalog;

/// <summary>One GraphQL request as the fake catalog received it: the query text and its variables as JSON, if any.</summary>
public sealed record CatalogQuery(string Query, string? Variables);
