using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Kit;

/// <summary>
/// The test kit's catalog, which the "no catalog query was made" checks rely on: it counts every request, also one
/// without a token (refused with 401), and answers a query it does not know with a GraphQL error, not with data. Queries are checked against the catalog's
/// schema, and answers have exactly the fields a query selected.
/// </summary>
public sealed class FakeCatalogTests : IAsyncLifetime
{
    private FakeCatalog _catalog = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _catalog = await FakeCatalog.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _catalog.DisposeAsync();
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused_and_counted_and_only_known_queries_get_data()
    {
        using var anonymous = await _http.PostAsJsonAsync(_catalog.GraphQlUrl, new { query = "query { me { name } }" });
        var token = TestTokens.Issue("kit-reader");
        var me = await QueryAsync(token, "query { me { name email isAdmin role { name } } }");
        var unknown = await QueryAsync(token, "query { packages { name } }");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("kit-reader", me.GetProperty("data").GetProperty("me").GetProperty("name").GetString());
        Assert.False(unknown.TryGetProperty("data", out _));
        Assert.Contains("packages", unknown.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(3, _catalog.Requests);
        Assert.Equal([token, token], _catalog.Tokens);
    }

    [Fact]
    public async Task Queries_are_validated_against_the_catalog_schema_as_the_catalog_would()
    {
        var token = TestTokens.Issue("kit-reader");

        var misspelled = await QueryAsync(token, "query { me { nam } }");
        var missingArgument = await QueryAsync(token, "query { bucketConfig { name } }");
        var undeclaredVariable = await QueryAsync(token, "query { bucketConfig(name: $name) { name } }", new { name = "x" });
        var wrongArgument = await QueryAsync(token, "query { bucketConfigs(first: 3) { name } }");

        Assert.Contains("Cannot query field 'nam' on type 'Me'", ErrorOf(misspelled));
        Assert.Contains("'name'", ErrorOf(missingArgument));
        Assert.Contains("$name", ErrorOf(undeclaredVariable));
        Assert.Contains("'first'", ErrorOf(wrongArgument));
    }

    [Fact]
    public async Task Answers_carry_exactly_the_selected_fields_and_resolvers_see_the_variables()
    {
        var token = TestTokens.Issue("kit-reader");

        var known = await QueryAsync(token, "query ($name: String!) { bucketConfig(name: $name) { title } }", new { name = FakeCatalog.BucketName });
        var unknown = await QueryAsync(token, "query ($name: String!) { bucketConfig(name: $name) { title } }", new { name = "other" });

        Assert.Equal("""{"title":"Example"}""", known.GetProperty("data").GetProperty("bucketConfig").GetRawText());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").GetProperty("bucketConfig").ValueKind);
        Assert.Equal("""{"name":"other"}""", _catalog.Queries[^1].Variables);
    }

    [Fact]
    public async Task Admin_fields_answer_catalog_admins_only_and_extended_types_and_unions_resolve()
    {
        _catalog.MakeAdmin("kit-admin");
        _catalog.Answer("roles", _ => new object[]
        {
            new { __typename = "UnmanagedRole", name = "Legacy", arn = "arn:aws:iam::1:role/Legacy" },
            new { __typename = "ManagedRole", name = "Reader", arn = "arn:aws:iam::1:role/Reader", policies = Array.Empty<object>() },
        });
        const string Roles = "query { roles { __typename ... on UnmanagedRole { name } ... on ManagedRole { name policies { title } } } }";
        const string Tables = "query ($name: String!) { bucketConfig(name: $name) { tabulatorTables { name } } }";

        var asAdmin = await QueryAsync(TestTokens.Issue("kit-admin"), Roles);
        var asReader = await QueryAsync(TestTokens.Issue("kit-reader"), Roles);
        var meAdmin = await QueryAsync(TestTokens.Issue("kit-admin"), "query { me { isAdmin } }");
        var tables = await QueryAsync(TestTokens.Issue("kit-reader"), Tables, new { name = FakeCatalog.BucketName });

        Assert.Equal("""[{"__typename":"UnmanagedRole","name":"Legacy"},{"__typename":"ManagedRole","name":"Reader","policies":[]}]""",
            asAdmin.GetProperty("data").GetProperty("roles").GetRawText());
        Assert.Equal(CatalogSchema.ForbiddenMessage, ErrorOf(asReader));
        Assert.Equal("roles", asReader.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, asReader.GetProperty("data").ValueKind);
        Assert.True(meAdmin.GetProperty("data").GetProperty("me").GetProperty("isAdmin").GetBoolean());
        // BucketConfig is extended in admin.graphql, which the fake reads before core.graphql defines the type; the
        // example bucket has no tables.
        Assert.Equal("""{"tabulatorTables":[]}""", tables.GetProperty("data").GetProperty("bucketConfig").GetRawText());
    }

    private static string ErrorOf(JsonElement answer) => answer.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("message").GetString()! : answer.GetRawText();

    private async Task<JsonElement> QueryAsync(string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _catalog.GraphQlUrl) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
