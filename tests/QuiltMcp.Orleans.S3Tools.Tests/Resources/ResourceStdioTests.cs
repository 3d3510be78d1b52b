using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Resources;

/// <summary>Resources over stdio, as a desktop client attaches them: the built quilt-mcp on the default AWS chain, against s3rver.</summary>
[Collection(DataServerCollection.Name)]
public sealed class ResourceStdioTests(DataServer data)
{
    [Fact]
    public async Task A_desktop_client_lists_and_reads_resources_over_stdio()
    {
        const string bucket = "resource-desktop";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "docs/hello.txt", "hello from s3rver");
        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0x00];
        await data.S3.PutAsync(bucket, "img.png", png, "image/png");
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

        Assert.Equal(3, (await client.ListResourceTemplatesAsync()).Count);
        // A desktop user has no grant list to enumerate: the list is the status; the templates read the rest.
        Assert.Equal(["auth://status"], (await client.ListResourcesAsync()).Select(resource => resource.Uri).ToArray());
        var status = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync("auth://status")).Contents));
        Assert.Equal("desktop-stdio", JsonDocument.Parse(status.Text).RootElement.GetProperty("environment").GetString());

        var text = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/docs/hello.txt")).Contents));
        Assert.Equal("hello from s3rver", text.Text);
        var blob = Assert.IsType<BlobResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/img.png")).Contents));
        Assert.Equal(png, blob.DecodedData.ToArray());

        await ToolCall.JsonAsync(client, "package_create", new { bucket, package = "desk/res", entries = new[] { new { s3_uri = $"s3://{bucket}/docs/" } } });
        var file = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"quilt+s3://{bucket}#package=desk/res&path=hello.txt")).Contents));
        Assert.Equal("hello from s3rver", file.Text);

        // Hostile URIs are refused on stdio too, look-alike dots included (the executable runs without ICU).
        var s3 = data.S3.Requests.Count;
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"s3://{bucket}/\uFF0E\uFF0E/other-bucket/x").AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Equal($"Invalid S3 URI 's3://{bucket}/\uFF0E\uFF0E/other-bucket/x' in uri: its key '\uFF0E\uFF0E/other-bucket/x' has a '..' path segment "
            + "once Unicode-normalized (NFKC); keys may not contain '.' or '..' segments in any encoding. Expected s3://bucket/key, optionally with ?versionId=….",
            ResourceReadTests.ServerMessage(refused));
        Assert.Equal(s3, data.S3.Requests.Count);
    }
}
