using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// A server fronting a Quilt catalog: bucket_list asks the catalog (as the caller), catalog_url links into it, and a
/// bad argument to any tool costs no catalog request.
/// </summary>
public sealed class CatalogBackedToolTests(CatalogServer fixture) : IClassFixture<CatalogServer>
{
    [Fact]
    public async Task Bucket_list_comes_from_the_catalog_asked_with_the_callers_own_token()
    {
        fixture.Catalog.Error = null;
        var token = Principals.Token("catalog-reader", "quilt:read", ["token-bucket"]);
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = fixture.Catalog.Tokens.Count;

        var list = await ToolCall.JsonAsync(client, "bucket_list", new { });

        Assert.Equal("catalog", list.GetProperty("source").GetString());
        Assert.Equal(["quilt-example"], list.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal([token], fixture.Catalog.Tokens.Skip(before));
    }

    [Fact]
    public async Task Catalog_errors_become_a_clear_tool_error()
    {
        fixture.Catalog.Error = "backend unavailable";
        try
        {
            await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
                TestTokens.BearerHeader(Principals.Token("catalog-reader-2", "quilt:read", [])));

            var error = await ToolCall.ErrorAsync(client, "bucket_list", new { });

            Assert.Contains("The Quilt catalog could not list buckets", error);
            // The catalog's own message, so a fake that failed some other way (a 500) would not pass.
            Assert.Contains("The catalog refused the query: backend unavailable", error);
        }
        finally
        {
            fixture.Catalog.Error = null;
        }
    }

    [Fact]
    public async Task Catalog_url_links_into_the_configured_catalog()
    {
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("linker-2", "quilt:read", [])));

        var link = await ToolCall.JsonAsync(client, "catalog_url", new { bucket = "my-bucket", package = "alice/data", path = "dir/a b.csv" });

        Assert.Equal("https://catalog.example.com/b/my-bucket/packages/alice/data/tree/latest/dir/a%20b.csv", link.GetProperty("url").GetString());
    }

    [Theory]
    [MemberData(nameof(ArgumentRefusalTests.BadArguments), MemberType = typeof(ArgumentRefusalTests))]
    [MemberData(nameof(KeyTraversalTests.HostileCalls), MemberType = typeof(KeyTraversalTests))]
    public async Task Bad_arguments_cost_no_catalog_request(string tool, object arguments, string error)
    {
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("catalog-careless", "quilt:read quilt:write", [ArgumentRefusalTests.Bucket, KeyTraversalTests.Granted])));
        var before = fixture.Catalog.Tokens.Count;

        var refusal = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Equal(error, refusal);
        Assert.Equal(before, fixture.Catalog.Tokens.Count);
    }

    [Theory]
    [InlineData("include_catalog")]
    [InlineData("includeCatalog")]
    public async Task Auth_status_asks_the_catalog_under_the_snake_case_name_and_the_former_one(string argument)
    {
        var token = Principals.Token("catalog-flag", "quilt:read", []);
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = fixture.Catalog.Tokens.Count;

        var status = await ToolCall.JsonAsync(client, "auth_status", new Dictionary<string, object> { [argument] = true });

        Assert.Equal(before + 1, fixture.Catalog.Tokens.Count);
        Assert.Equal(token, fixture.Catalog.Tokens[^1]);
        Assert.Equal(JsonValueKind.Object, status.GetProperty("catalog_user").ValueKind);
        Assert.False(status.TryGetProperty("catalog_note", out _));
    }

    [Fact]
    public async Task Auth_status_with_a_malformed_flag_is_refused_without_asking_the_catalog()
    {
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("catalog-status", "quilt:read", [])));
        var before = fixture.Catalog.Tokens.Count;

        var status = await ToolCall.JsonAsync(client, "auth_status", new { includeCatalog = false });
        var error = await ToolCall.ErrorAsync(client, "auth_status", new { includeCatalog = "yes please" });

        // The argument binds (a well-formed false is accepted and left the catalog alone); a string is not a flag.
        Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
        Assert.StartsWith("The argument 'include_catalog' must be true or false", error, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Catalog.Tokens.Count);
    }
}
