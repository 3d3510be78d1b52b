using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Stdio;

/// <summary>
/// Copy mode from the built quilt-mcp over stdio, as a desktop client runs it (default AWS chain, SDK endpoint
/// setting), with the multipart threshold raised through its environment variable: an object of two chunks is copied
/// by one CopyObject, for which s3rver reports no checksum, so its hash comes from streaming it.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class DesktopCopyTests(DataServer data)
{
    [Fact]
    public async Task A_desktop_package_with_copy_carries_its_data_into_the_registry()
    {
        const string registry = "desktop-copy-registry";
        const string source = "desktop-copy-source";
        await data.S3.CreateBucketAsync(registry);
        await data.S3.CreateBucketAsync(source);
        var large = new byte[(8 * 1024 * 1024) + 17];
        new Random(7).NextBytes(large);
        await data.S3.PutAsync(source, "raw/large.bin", large);
        await data.S3.PutTextAsync(source, "raw/notes.txt", "small enough for one CopyObject");
        await using var server = await ServerProcess.StartReadyAsync(new ServerProcessOptions
        {
            Transport = ProcessTransport.Stdio,
            Environment = new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = S3rverServer.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = S3rverServer.SecretKey,
                ["AWS_REGION"] = "us-east-1",
                ["AWS_ENDPOINT_URL_S3"] = data.S3.ServiceUrl,
                ["S3__ForcePathStyle"] = "true",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["QUILT_CATALOG_URL"] = null,
                ["Packages__MultipartCopyThreshold"] = "16777216",
            },
        });
        await using var client = await Mcp.ConnectStdioAsync(
            new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));

        var created = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket = registry,
            package = "desk/carried",
            entries = new[] { new { s3_uri = $"s3://{source}/raw/" } },
            copy = true,
        });

        Assert.Equal(2, created.GetProperty("copied_objects").GetInt32());
        var manifest = ReferenceManifest.Parse(await data.S3.GetAsync(registry, $".quilt/packages/{created.GetProperty("top_hash").GetString()}"));
        Assert.Equal(created.GetProperty("top_hash").GetString(), manifest.ComputeTopHash());
        foreach (var key in new[] { "large.bin", "notes.txt" })
        {
            var copy = await data.S3.GetAsync(registry, $"desk/carried/{key}");
            Assert.Equal(await data.S3.GetAsync(source, $"raw/{key}"), copy);
            Assert.Equal($"s3://{registry}/desk/carried/{key}", manifest.Entry(key).GetProperty("physical_keys")[0].GetString());
            Assert.Equal(PlainChunkedHash.Of(copy), manifest.Entry(key).GetProperty("hash").GetProperty("value").GetString());
        }

        Assert.Single(data.S3.RequestsFor(registry), request => request.Key == "desk/carried/large.bin");
        Assert.Contains(data.S3.RequestsFor(source), request => request.Method == "GET" && request.Key == "raw/large.bin");
    }
}
