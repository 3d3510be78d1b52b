using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.S3Tools.Tests.Support;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>A server fronting a Quilt catalog: bucket_list asks the catalog (as the caller), catalog_url links into it.</summary>
public sealed class CatalogBackedToolTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _catalogTokens = new();
    private WebApplication _catalog = null!;
    private InProcessServer _server = null!;
    private string? _catalogError;

    public async Task InitializeAsync()
    {
        _catalog = await StartCatalogAsync();
        _server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Server:CatalogUrl"] = "https://catalog.example.com",
            ["Catalog:GraphQlUrl"] = _catalog.Urls.Single() + "/graphql",
            ["Roles:AccountId"] = Principals.AccountId,
            ["Telemetry:EmbeddedMetrics"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    [Fact]
    public async Task Bucket_list_comes_from_the_catalog_asked_with_the_callers_own_token()
    {
        var token = Principals.Token("catalog-reader", "quilt:read", ["token-bucket"]);
        await using var client = await Mcp.ConnectAsync(_server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));

        var list = await ToolCall.JsonAsync(client, "bucket_list", new { });

        Assert.Equal("catalog", list.GetProperty("source").GetString());
        Assert.Equal(["quilt-example"], list.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal([token], _catalogTokens);
    }

    [Fact]
    public async Task Catalog_errors_become_a_clear_tool_error()
    {
        _catalogError = "backend unavailable";
        await using var client = await Mcp.ConnectAsync(_server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("catalog-reader-2", "quilt:read", [])));

        var error = await ToolCall.ErrorAsync(client, "bucket_list", new { });

        Assert.Contains("The Quilt catalog could not list buckets", error);
        // The catalog's own message, so a fake that failed some other way (a 500) would not pass.
        Assert.Contains("The catalog refused the query: backend unavailable", error);
    }

    [Fact]
    public async Task Catalog_url_links_into_the_configured_catalog()
    {
        await using var client = await Mcp.ConnectAsync(_server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("linker-2", "quilt:read", [])));

        var link = await ToolCall.JsonAsync(client, "catalog_url", new { bucket = "my-bucket", package = "alice/data", path = "dir/a b.csv" });

        Assert.Equal("https://catalog.example.com/b/my-bucket/packages/alice/data/tree/latest/dir/a%20b.csv", link.GetProperty("url").GetString());
    }

    /// <summary>A catalog GraphQL endpoint answering bucketConfigs and recording the bearer token of each query.</summary>
    private async Task<WebApplication> StartCatalogAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/graphql", async context =>
        {
            _catalogTokens.Enqueue(context.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
            using var query = await JsonDocument.ParseAsync(context.Request.Body);
            Assert.Contains("bucketConfigs", query.RootElement.GetProperty("query").GetString());
            await (_catalogError is { } error
                ? Results.Json(new { errors = new[] { new { message = error } } })
                : Results.Json(new { data = new { bucketConfigs = new[] { new { name = "quilt-example", title = "Example", description = "demo" } } } }))
                .ExecuteAsync(context);
        });
        await app.StartAsync();
        return app;
    }
}
