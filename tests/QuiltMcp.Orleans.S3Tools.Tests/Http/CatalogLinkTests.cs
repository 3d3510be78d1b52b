using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

[Collection(DataServerCollection.Name)]
public sealed class CatalogLinkTests(DataServer data)
{
    [Fact]
    public async Task Catalog_uri_names_bucket_package_hash_and_path_without_touching_s3()
    {
        await using var client = await data.ConnectAsync("linker", "quilt:read", []);
        var before = data.S3.Requests.Count;
        var hash = new string('e', 64);

        var uri = await ToolCall.JsonAsync(client, "catalog_uri", new { bucket = "my-bucket", package = "alice/data", top_hash = hash, path = "dir/file name.csv" });
        var bucketOnly = await ToolCall.JsonAsync(client, "catalog_uri", new { bucket = "my-bucket" });

        Assert.Equal($"quilt+s3://my-bucket#package=alice/data@{hash}&path=dir/file%20name.csv", uri.GetProperty("uri").GetString());
        Assert.Equal("quilt+s3://my-bucket", bucketOnly.GetProperty("uri").GetString());
        Assert.Equal(before, data.S3.Requests.Count);
    }

    [Fact]
    public async Task Catalog_url_needs_a_configured_catalog()
    {
        await using var client = await data.ConnectAsync("linker", "quilt:read", []);

        var error = await ToolCall.ErrorAsync(client, "catalog_url", new { bucket = "my-bucket", package = "alice/data" });

        Assert.Contains("No Quilt catalog is configured", error);
    }

    [Fact]
    public void Catalog_url_follows_the_catalog_routes()
    {
        var catalog = new Uri("https://catalog.example.com/");
        Assert.Equal("https://catalog.example.com/b/my-bucket/packages/alice/data/tree/latest/dir/a%20b.csv",
            Api.Quilt3.QuiltUris.CatalogUrl(catalog, "my-bucket", "alice/data", null, "dir/a b.csv"));
        Assert.Equal("https://catalog.example.com/b/my-bucket/tree/raw/",
            Api.Quilt3.QuiltUris.CatalogUrl(catalog, "my-bucket", null, null, "raw/"));
    }
}
