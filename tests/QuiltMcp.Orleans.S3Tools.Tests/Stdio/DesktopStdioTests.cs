using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Stdio;

/// <summary>
/// The built quilt-mcp as a desktop client runs it: stdio, identity from the default AWS chain (environment
/// keys), S3 endpoint from the SDK's own AWS_ENDPOINT_URL_S3 setting.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class DesktopStdioTests(DataServer data)
{
    [Fact]
    public async Task Desktop_server_reaches_s3_through_the_default_chain_and_sdk_endpoint_settings()
    {
        const string bucket = "desktop-bucket";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "docs/hello.txt", "hello from s3rver");
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
            },
        });
        await using var client = await Mcp.ConnectStdioAsync(
            new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));

        var buckets = await ToolCall.JsonAsync(client, "bucket_list", new { });
        Assert.Equal("aws", buckets.GetProperty("source").GetString());
        Assert.Contains(buckets.GetProperty("buckets").EnumerateArray(), item => item.GetProperty("name").GetString() == bucket);

        var text = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/docs/hello.txt" });
        Assert.Equal("hello from s3rver", text.GetProperty("text").GetString());

        var created = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket,
            package = "desk/top",
            entries = new[] { new { s3_uri = $"s3://{bucket}/docs/" } },
            message = "from the desktop",
        });
        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket, package = "desk/top", recursive = true });
        Assert.Equal(created.GetProperty("top_hash").GetString(), tree.GetProperty("top_hash").GetString());
        Assert.Equal("hello.txt", Assert.Single(tree.GetProperty("entries").EnumerateArray()).GetProperty("logical_key").GetString());

        // Versions over stdio: the old one read by version_id, and what the listing says the versions are.
        const string versioned = "desktop-versions";
        await data.S3.CreateVersionedBucketAsync(versioned);
        var old = await data.S3.PutVersionAsync(versioned, "v.txt", "old on the desktop");
        var current = await data.S3.PutVersionAsync(versioned, "v.txt", "new on the desktop");
        var oldText = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{versioned}/v.txt", version_id = old });
        Assert.Equal(("old on the desktop", old), (oldText.GetProperty("text").GetString(), oldText.GetProperty("version_id").GetString()));
        var versions = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket = versioned, versions = true });
        Assert.Equal([current!, old!], versions.GetProperty("objects").EnumerateArray().Select(item => item.GetProperty("version_id").GetString()!).ToArray());
        Assert.StartsWith("version_id 'v1&acl' contains '&'", await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{versioned}/v.txt", version_id = "v1&acl" }), StringComparison.Ordinal);

        // Malformed input is refused on stdio too.
        Assert.Contains("must start with s3://", await ToolCall.ErrorAsync(client, "bucket_object_info", new { s3_uri = "desktop-bucket/docs/hello.txt" }));

        // The executable runs with invariant globalization (no ICU), yet look-alike dots are still dot segments.
        Assert.EndsWith("Invalid S3 URI 's3://desktop-bucket/\uFF0E\uFF0E/other-bucket/x' in s3_uri: its key '\uFF0E\uFF0E/other-bucket/x' has a '..' path segment "
            + "once Unicode-normalized (NFKC); keys may not contain '.' or '..' segments in any encoding. Expected s3://bucket/key, optionally with ?versionId=….",
            await ToolCall.ErrorAsync(client, "bucket_object_info", new { s3_uri = "s3://desktop-bucket/\uFF0E\uFF0E/other-bucket/x" }));
    }
}
