using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// search_catalog in the built quilt-mcp over stdio, as a desktop client runs it: the catalog is asked with the desktop
/// server's configured catalog token (there is no request token), the catalog alone decides which buckets that token
/// may search, and bad arguments are refused there too before any catalog request.
/// </summary>
public sealed class DesktopSearchStdioTests
{
    [Fact]
    public async Task A_desktop_server_searches_with_its_configured_catalog_token_and_lets_the_catalog_choose_buckets()
    {
        await using var catalog = await FakeCatalog.StartAsync();
        catalog.Answer("searchPackages", _ => new
        {
            __typename = "PackagesSearchResultSet",
            total = 1,
            firstPage = (CatalogResolver)(_ => new
            {
                __typename = "PackagesSearchResultSetPage",
                cursor = "desk-1",
                hits = new[] { SearchCatalogTests.PackageHit("any-bucket", "desk/top", new string('d', 64)) },
            }),
        });
        await using var server = await ServerProcess.StartReadyAsync(new ServerProcessOptions
        {
            Transport = ProcessTransport.Stdio,
            Environment = new Dictionary<string, string?>
            {
                ["Catalog__GraphQlUrl"] = catalog.GraphQlUrl.ToString(),
                ["QUILT_ACCESS_TOKEN"] = "desktop-catalog-token",
                ["QUILT_CATALOG_URL"] = null,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        });
        await using var client = await Mcp.ConnectStdioAsync(
            new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));

        var everywhere = await ToolCall.JsonAsync(client, "search_catalog", new { query = "desk" });
        var named = await ToolCall.JsonAsync(client, "search_catalog", new { query = "desk", buckets = new[] { "any-bucket" } });
        var before = catalog.Requests;
        var refused = await ToolCall.ErrorAsync(client, "search_catalog", new { query = "desk", cursor = "packages:1:no spaces allowed" });

        Assert.Equal(["desktop-catalog-token", "desktop-catalog-token"], catalog.Tokens);
        Assert.False(JsonNode.Parse(catalog.Queries[0].Variables!)!.AsObject().ContainsKey("buckets"));
        Assert.Equal("""["any-bucket"]""", JsonNode.Parse(catalog.Queries[1].Variables!)!["buckets"]!.ToJsonString());
        Assert.Equal("quilt+s3://any-bucket#package=desk/top@" + new string('d', 64),
            everywhere.GetProperty("packages")[0].GetProperty("quilt_uri").GetString());
        Assert.Equal("packages:1:desk-1", named.GetProperty("next_cursor").GetString());
        Assert.StartsWith("cursor is not a next_cursor of search_catalog (its catalog cursor has characters other than printable ASCII)", refused, StringComparison.Ordinal);
        Assert.Equal(before, catalog.Requests);
    }
}
