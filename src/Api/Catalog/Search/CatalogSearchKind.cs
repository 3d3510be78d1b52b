namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>What a catalog search looks for: package revisions, or the S3 objects the catalog has indexed.</summary>
public enum CatalogSearchKind
{
    Packages,
    Objects,
}
