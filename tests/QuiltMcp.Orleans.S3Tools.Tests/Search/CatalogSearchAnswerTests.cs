using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Catalog.Search;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// Answers a catalog of another version could give (shapes outside the schema the fake catalog enforces), read over
/// real HTTP: each becomes an error that says what was missing, never a crash or a half-read page, and odd hit values
/// are read as unknown rather than guessed.
/// </summary>
public sealed class CatalogSearchAnswerTests : IAsyncLifetime
{
    private static readonly CatalogSearchRequest Packages = new() { Kind = CatalogSearchKind.Packages, PageSize = 5 };
    private static readonly CatalogSearchRequest Objects = new() { Kind = CatalogSearchKind.Objects, PageSize = 5 };

    private LoopbackEndpoint _endpoint = null!;
    private readonly HttpClient _http = new();
    private string _answer = "{}";

    public async Task InitializeAsync() =>
        _endpoint = await LoopbackEndpoint.StartAsync(app => app.MapPost("/graphql", () => Results.Text(_answer, "application/json")));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"data":{}}""", "The catalog's answer has no 'searchPackages'.")]
    [InlineData("""{"data":{"searchPackages":{"total":1}}}""", "The catalog's answer to 'searchPackages' does not name its type.")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"FacetsOnly"}}}""", "The catalog answered 'searchPackages' with 'FacetsOnly', which this server does not understand.")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"PackagesSearchResultSet","total":1}}}""", "The catalog's answer has no 'firstPage'.")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"PackagesSearchResultSet","total":1,"firstPage":{"__typename":"PackagesSearchResultSetPage"}}}}""", "The catalog's search answer has no hits.")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"PackagesSearchResultSet","total":1,"firstPage":{"__typename":"PackagesSearchResultSetPage","hits":[{"name":"a/b","hash":"h"}]}}}}""", "A search hit from the catalog has no 'bucket'.")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"InvalidInput"}}}""", "The catalog refused the search: input: invalid input")]
    [InlineData("""{"data":{"searchPackages":{"__typename":"OperationError"}}}""", "The catalog could not run the search (OperationError: the search failed); try again.")]
    public async Task An_answer_outside_the_schema_is_an_error_saying_what_is_missing(string answer, string message)
    {
        _answer = answer;

        var failure = await Assert.ThrowsAnyAsync<Api.CallerFacingException>(() => Client().SearchAsync(Caller(), Packages, CancellationToken.None));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task Odd_hit_values_are_read_as_unknown_and_absent_lists_as_empty()
    {
        _answer = """
            {"data":{"searchObjects":{"__typename":"ObjectsSearchResultSet","total":"many","firstPage":{"cursor":7,"hits":[
              {"bucket":"b-bucket","key":"k","size":-5,"modified":"last tuesday","deleted":"no"}
            ]}}}}
            """;

        var page = await Client().SearchAsync(Caller(), Objects, CancellationToken.None);

        Assert.Null(page.Total);
        Assert.Null(page.Cursor);
        var hit = Assert.Single(page.Objects);
        Assert.Equal((0L, (DateTimeOffset?)null, false, (string?)null), (hit.Size, hit.Modified, hit.Deleted, hit.Version));

        _answer = """{"data":{"searchMorePackages":{"__typename":"PackagesSearchResultSetPage","hits":[{"bucket":"b-bucket","name":"a/b","hash":"h","size":1e30}]}}}""";
        var more = await Client().MoreAsync(Caller(), CatalogSearchKind.Packages, "c", 5, CancellationToken.None);

        var package = Assert.Single(more.Packages);
        Assert.Equal((0L, 0, 0, 0), (package.Size, package.Entries, package.MatchedIn.Count, package.MatchingEntries.Count));
    }

    private CatalogSearchClient Client() =>
        new(new CatalogGraphQlEndpoint(_http, new FixedOptions(new CatalogOptions { GraphQlUrl = new Uri(_endpoint.Url, "/graphql").ToString() })));

    private static Api.Identity.Caller Caller() => TestCallers.Web(new PrincipalClaims { Subject = "answers" });

    private sealed class FixedOptions(CatalogOptions value) : IOptionsMonitor<CatalogOptions>
    {
        public CatalogOptions CurrentValue => value;

        public CatalogOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CatalogOptions, string?> listener) => null;
    }
}
