using System.Text.Json;
using QuiltMcp.Orleans.Api.Catalog.Search;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// Every query search_catalog can send, with every input it can fill in, run through the catalog's schema (the same
/// executable schema the fake catalog serves): none may be refused. A query the catalog would refuse fails here first.
/// </summary>
public sealed class SearchQuerySchemaTests
{
    private static readonly CatalogSearchRequest Everything = new()
    {
        Kind = CatalogSearchKind.Packages,
        Buckets = ["alpha-bucket", "beta-bucket"],
        SearchString = "rna AND \"single cell\"",
        Name = CatalogKeywordMatch.Of("team/*"),
        Extensions = [".csv"],
        Size = new CatalogNumberRange(1, 1e12),
        Modified = new CatalogDateRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(60)),
        UserMeta =
        [
            new CatalogMetaPredicate("/a") { Keyword = CatalogKeywordMatch.Of("x") },
            new CatalogMetaPredicate("/b") { Keyword = CatalogKeywordMatch.Of("x*") },
            new CatalogMetaPredicate("/c") { Text = "liver" },
            new CatalogMetaPredicate("/d") { Number = new CatalogNumberRange(1, 2) },
            new CatalogMetaPredicate("/e") { Dates = new CatalogDateRange(DateTimeOffset.UnixEpoch, null) },
            new CatalogMetaPredicate("/f") { Boolean = false },
        ],
        LatestOnly = true,
        PageSize = 100,
    };

    public static TheoryData<string, CatalogSearchKind, CatalogSearchOrder> Searches()
    {
        var data = new TheoryData<string, CatalogSearchKind, CatalogSearchOrder>();
        foreach (var kind in Enum.GetValues<CatalogSearchKind>())
        {
            foreach (var order in Enum.GetValues<CatalogSearchOrder>())
            {
                data.Add($"{kind} {order}", kind, order);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Every_first_page_query_with_every_input_is_valid_against_the_catalog_schema(string name, CatalogSearchKind kind, CatalogSearchOrder order)
    {
        var request = Everything with { Kind = kind, Order = order };
        var query = kind == CatalogSearchKind.Packages ? CatalogSearchQueries.Packages : CatalogSearchQueries.Objects;

        var answer = await RunAsync(query, CatalogSearchVariables.For(request));

        Assert.False(answer.TryGetProperty("errors", out var errors), $"{name}: {errors}");
        var field = kind == CatalogSearchKind.Packages ? "searchPackages" : "searchObjects";
        Assert.Equal(1, answer.GetProperty("data").GetProperty(field).GetProperty("firstPage").GetProperty("hits").GetArrayLength());
    }

    [Theory]
    [InlineData("searchMorePackages")]
    [InlineData("searchMoreObjects")]
    public async Task Every_next_page_query_is_valid_against_the_catalog_schema(string field)
    {
        var query = field == "searchMorePackages" ? CatalogSearchQueries.MorePackages : CatalogSearchQueries.MoreObjects;

        var answer = await RunAsync(query, CatalogSearchVariables.ForMore("cursor", 30));

        Assert.False(answer.TryGetProperty("errors", out var errors), $"{field}: {errors}");
        Assert.Equal(1, answer.GetProperty("data").GetProperty(field).GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void The_queries_checked_here_are_all_the_queries_there_are()
    {
        Assert.Equal(
            [CatalogSearchQueries.Packages, CatalogSearchQueries.Objects, CatalogSearchQueries.MorePackages, CatalogSearchQueries.MoreObjects],
            CatalogSearchQueries.All);
    }

    [Theory]
    [InlineData("latestOnly: $latestOnly", "latest: $latestOnly", "latest")]
    [InlineData("totalEntriesCount", "entryCount", "entryCount")]
    [InlineData("$ordering: PackageOrdering", "$ordering: String", "ordering")]
    public async Task A_query_the_catalog_would_refuse_is_refused_here(string original, string broken, string named)
    {
        var query = CatalogSearchQueries.Packages.Replace(original, broken, StringComparison.Ordinal);
        Assert.NotEqual(CatalogSearchQueries.Packages, query);

        var answer = await RunAsync(query, CatalogSearchVariables.For(Everything));

        Assert.Contains(named, answer.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RunAsync(string query, Dictionary<string, object?> variables)
    {
        var root = new Dictionary<string, object?>
        {
            ["searchPackages"] = (CatalogResolver)(_ => new
            {
                __typename = "PackagesSearchResultSet",
                total = 1,
                firstPage = (CatalogResolver)(_ => Page("PackagesSearchResultSetPage", SearchCatalogTests.PackageHit("alpha-bucket", "team/a", new string('a', 64)))),
            }),
            ["searchObjects"] = (CatalogResolver)(_ => new
            {
                __typename = "ObjectsSearchResultSet",
                total = 1,
                firstPage = (CatalogResolver)(_ => Page("ObjectsSearchResultSetPage", SearchCatalogTests.ObjectHit("alpha-bucket", "a.csv", "v1"))),
            }),
            ["searchMorePackages"] = (CatalogResolver)(_ => Page("PackagesSearchResultSetPage", SearchCatalogTests.PackageHit("alpha-bucket", "team/a", new string('a', 64)))),
            ["searchMoreObjects"] = (CatalogResolver)(_ => Page("ObjectsSearchResultSetPage", SearchCatalogTests.ObjectHit("alpha-bucket", "a.csv", "v1"))),
        };
        var json = await CatalogSchema.Catalog.ExecuteAsync(query, JsonSerializer.Serialize(variables), root);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static object Page(string type, object hit) => new { __typename = type, cursor = "next", hits = new[] { hit } };
}
