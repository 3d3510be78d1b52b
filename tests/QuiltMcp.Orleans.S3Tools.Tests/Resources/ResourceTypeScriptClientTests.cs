using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Resources;

/// <summary>
/// Resources as the official TypeScript client sees them (it validates every result against the protocol's schemas):
/// the templates, every page of the list, a text object, a binary object, a package file and a refused read.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ResourceTypeScriptClientTests(DataServer data)
{
    [Fact]
    public async Task The_typescript_client_lists_templates_and_resources_and_reads_text_and_blobs()
    {
        const string bucket = "resources-typescript";
        const string text = "naïve ✓ куилт <&>";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "docs/notes.md", text);
        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff];
        await data.S3.PutAsync(bucket, "img/chart.png", png, "image/png");
        var token = Principals.Token("resource-ts", "quilt:read quilt:write", [bucket]);
        await using (var client = await data.ConnectAsync("resource-ts", "quilt:read quilt:write", [bucket]))
        {
            await ToolCall.JsonAsync(client, "package_create", new { bucket, package = "team/ts", entries = new[] { new { s3_uri = $"s3://{bucket}/docs/" } } });
        }

        var seen = await NodeScript.LastJsonLineAsync("mcp-resources-check.mjs", new Dictionary<string, string> { ["MCP_TOKEN"] = token },
            data.Server.McpUri.ToString(), $"s3://{bucket}/docs/notes.md", $"s3://{bucket}/img/chart.png",
            $"quilt+s3://{bucket}#package=team/ts:latest&path=notes.md", "s3://other-bucket-ts/x.txt");

        Assert.Equal(JsonValueKind.Object, seen.GetProperty("capabilities").ValueKind);
        Assert.Equal(["package_file", "package_summary", "s3_object"],
            seen.GetProperty("resourceTemplates").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["auth://status", $"quilt+s3://{bucket}#package=team/ts"],
            seen.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("uri").GetString()!).ToArray());

        var reads = seen.GetProperty("reads").EnumerateArray().ToArray();
        var notes = reads[0].GetProperty("contents")[0];
        Assert.Equal(text, notes.GetProperty("text").GetString());
        Assert.Equal("text/plain", notes.GetProperty("mimeType").GetString());
        var chart = reads[1].GetProperty("contents")[0];
        Assert.Equal(png, Convert.FromBase64String(chart.GetProperty("blob").GetString()!));
        Assert.Equal("image/png", chart.GetProperty("mimeType").GetString());
        Assert.False(chart.TryGetProperty("text", out _));
        Assert.Equal(text, reads[2].GetProperty("contents")[0].GetProperty("text").GetString());
        var refused = reads[3].GetProperty("error");
        Assert.Equal(-32602, refused.GetProperty("code").GetInt32());
        Assert.EndsWith("Access denied: bucket 'other-bucket-ts' is not among the buckets your token grants.", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
