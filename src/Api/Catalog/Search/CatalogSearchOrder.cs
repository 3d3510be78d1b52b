namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>How the first page of a catalog search is sorted; later pages follow the cursor's order.</summary>
public enum CatalogSearchOrder
{
    BestMatch,
    Newest,
    Oldest,
    NameAscending,
    NameDescending,
}
