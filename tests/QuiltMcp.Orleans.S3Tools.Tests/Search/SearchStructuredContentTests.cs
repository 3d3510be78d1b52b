using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// search_catalog's results (packages, objects, a next page, an empty page) as the official TypeScript client reads
/// them: it validates structuredContent against the declared outputSchema and refuses a result that does not match.
/// </summary>
public sealed class SearchStructuredContentTests(CatalogServer fixture) : IClassFixture<CatalogServer>
{
    private const string Unicode = "naïve ✓ куилт <&> 'q'";

    [Fact]
    public async Task Every_kind_of_search_result_matches_the_output_schema_in_the_typescript_client()
    {
        var hash = new string('e', 64);
        fixture.Catalog.Answer("searchPackages", _ => new
        {
            __typename = "PackagesSearchResultSet",
            total = 1,
            firstPage = (CatalogResolver)(_ => new
            {
                __typename = "PackagesSearchResultSetPage",
                cursor = (string?)null,
                hits = new[] { SearchCatalogTests.PackageHit("structured-bucket", "team/ünïcode", hash, comment: Unicode, meta: $$"""{"title": "{{Unicode}}"}""", matchMeta: true) },
            }),
        });
        fixture.Catalog.Answer("searchObjects", _ => new
        {
            __typename = "ObjectsSearchResultSet",
            total = 2,
            firstPage = (CatalogResolver)(_ => new { cursor = "c1", hits = new[] { SearchCatalogTests.ObjectHit("structured-bucket", "dir/ä.txt", "v1", Unicode) } }),
        });
        fixture.Catalog.Answer("searchMoreObjects", _ => new
        {
            __typename = "ObjectsSearchResultSetPage",
            cursor = (string?)null,
            hits = new[] { SearchCatalogTests.ObjectHit("structured-bucket", "dir/b.txt", "null") },
        });
        fixture.Catalog.Answer("searchMorePackages", _ => new { __typename = "PackagesSearchResultSetPage", cursor = (string?)null, hits = Array.Empty<object>() });
        var calls = new object[]
        {
            new { name = "search_catalog", arguments = new { query = "naïve" } },
            new { name = "search_catalog", arguments = new { result_type = "objects", ext = new[] { "txt" } } },
            new { name = "search_catalog", arguments = new { cursor = "objects:2:c1" } },
            new { name = "search_catalog", arguments = new { cursor = "packages::c9" } },
        };

        var seen = await RunAsync(calls);

        Assert.Equal(calls.Length, seen.Count);
        foreach (var result in seen)
        {
            Assert.False(result.TryGetProperty("rejected", out var rejected), $"the client refused the result: {rejected}");
            Assert.True(result.GetProperty("outputSchema").GetBoolean());
            Assert.False(result.GetProperty("isError").GetBoolean(), result.GetProperty("text").GetString());
            var text = result.GetProperty("text").GetString()!;
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(text).RootElement, result.GetProperty("structuredContent")), text);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        }

        Assert.Equal(Unicode, seen[0].GetProperty("structuredContent").GetProperty("packages")[0].GetProperty("message").GetString());
        Assert.Equal("s3://structured-bucket/dir/%C3%A4.txt?versionId=v1", seen[1].GetProperty("structuredContent").GetProperty("objects")[0].GetProperty("s3_uri").GetString());
        Assert.Equal(0, seen[3].GetProperty("structuredContent").GetProperty("packages").GetArrayLength());
    }

    private async Task<List<JsonElement>> RunAsync(object[] calls)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(calls));
            var token = Principals.Token("structured-searcher", "quilt:read", ["structured-bucket"], Principals.ReadActions);
            var output = await NodeScript.RunAsync("mcp-structured-check.mjs", [fixture.Server.McpUri.ToString(), file],
                new Dictionary<string, string> { ["MCP_TOKEN"] = token });
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
