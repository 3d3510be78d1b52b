namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// The four search queries sent to the catalog, fixed text: every value a caller chooses travels as a variable. Each
/// selects the union arms the catalog can answer with, and only the hit fields a model needs to pick its next call.
/// </summary>
public static class CatalogSearchQueries
{
    private const string Refusals = """
        ... on InvalidInput { errors { path name message } }
        ... on OperationError { name message }
        """;

    private const string PackageHit = """
        fragment PackageHit on SearchHitPackage {
          bucket name hash size modified totalEntriesCount comment meta
          matchLocations { name comment meta workflow }
          matchingEntries { logicalKey }
        }
        """;

    private const string ObjectHit = """
        fragment ObjectHit on SearchHitObject { bucket key version size modified deleted indexedContent }
        """;

    public const string Packages = """
        query SearchPackages($buckets: [String!], $searchString: String, $filter: PackagesSearchFilter,
            $userMetaFilters: [PackageUserMetaPredicate!], $latestOnly: Boolean!, $size: Int, $ordering: PackageOrdering) {
          searchPackages(buckets: $buckets, searchString: $searchString, filter: $filter,
              userMetaFilters: $userMetaFilters, latestOnly: $latestOnly) {
            __typename
            ... on PackagesSearchResultSet {
              total
              firstPage(size: $size, ordering: $ordering) {
                __typename
                ... on PackagesSearchResultSetPage { cursor hits { ...PackageHit } }
        """ + "\n" + Refusals + "\n" + """
              }
            }
        """ + "\n" + Refusals + "\n" + """
          }
        }
        """ + "\n" + PackageHit;

    public const string Objects = """
        query SearchObjects($buckets: [String!], $searchString: String, $filter: ObjectsSearchFilter, $size: Int, $order: SearchResultOrder) {
          searchObjects(buckets: $buckets, searchString: $searchString, filter: $filter) {
            __typename
            ... on ObjectsSearchResultSet { total firstPage(size: $size, order: $order) { cursor hits { ...ObjectHit } } }
        """ + "\n" + Refusals + "\n" + """
          }
        }
        """ + "\n" + ObjectHit;

    public const string MorePackages = """
        query SearchMorePackages($after: String!, $size: Int) {
          searchMorePackages(after: $after, size: $size) {
            __typename
            ... on PackagesSearchResultSetPage { cursor hits { ...PackageHit } }
        """ + "\n" + Refusals + "\n" + """
          }
        }
        """ + "\n" + PackageHit;

    public const string MoreObjects = """
        query SearchMoreObjects($after: String!, $size: Int) {
          searchMoreObjects(after: $after, size: $size) {
            __typename
            ... on ObjectsSearchResultSetPage { cursor hits { ...ObjectHit } }
        """ + "\n" + Refusals + "\n" + """
          }
        }
        """ + "\n" + ObjectHit;

    /// <summary>Every query this server can send for a search.</summary>
    public static IReadOnlyList<string> All { get; } = [Packages, Objects, MorePackages, MoreObjects];
}
