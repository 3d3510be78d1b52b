using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// Every tool that declares an outputSchema, called by the official TypeScript client, which validates each result's
/// structuredContent against that schema (and refuses the call when it does not match): the schema is true of what
/// the tools return, and structuredContent is exactly the JSON the text block carries, text written as text.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class StructuredContentTests(DataServer data)
{
    private const string Bucket = "structured-data";
    private const string Unicode = "naïve ✓ куилт <&> 'q' \"d\" a+b";

    [Fact]
    public async Task Every_structured_result_matches_its_output_schema_in_the_typescript_client()
    {
        await data.S3.CreateBucketAsync(Bucket);
        var calls = new object[]
        {
            Call("auth_status", new { include_catalog = true }),
            Call("get_user_info", new { }),
            Call("aws_identity", new { }),
            Call("bucket_list", new { }),
            Call("bucket_objects_put", new
            {
                bucket = Bucket,
                items = new object[]
                {
                    new { key = "in/notes.md", text = Unicode, metadata = new Dictionary<string, string> { ["owner"] = "ana" } },
                    new { key = "in/data.csv", text = "x,y\n1,2\n" },
                },
            }),
            Call("bucket_objects_list", new { bucket = Bucket, prefix = "in/", delimiter = (string?)null }),
            Call("bucket_object_info", new { s3_uri = $"s3://{Bucket}/in/notes.md" }),
            Call("bucket_object_text", new { s3_uri = $"s3://{Bucket}/in/notes.md" }),
            Call("bucket_object_link", new { s3_uri = $"s3://{Bucket}/in/data.csv", expiration = 60 }),
            Call("package_create", new
            {
                bucket = Bucket,
                package = "team/structured",
                entries = new object[] { new { s3_uri = $"s3://{Bucket}/in/", meta = new { note = Unicode } } },
                metadata = new { title = Unicode },
                message = Unicode,
            }),
            Call("package_list", new { bucket = Bucket }),
            Call("package_browse", new { bucket = Bucket, package = "team/structured" }),
            Call("package_update", new { bucket = Bucket, package = "team/structured", remove = new[] { "data.csv" }, message = "second" }),
            Call("package_diff", new { bucket = Bucket, package_a = "team/structured", hash_a = "latest", hash_b = "latest" }),
            Call("catalog_uri", new { bucket = Bucket, package = "team/structured", path = "notes.md" }),
            Call("package_delete", new { bucket = Bucket, package = "team/structured" }),
        };

        var seen = await RunAsync(calls);

        Assert.Equal(calls.Length, seen.Count);
        foreach (var result in seen)
        {
            var name = result.GetProperty("name").GetString();
            Assert.False(result.TryGetProperty("rejected", out var rejected), $"{name}: the client refused the result: {rejected}");
            Assert.True(result.GetProperty("outputSchema").GetBoolean(), $"{name} declares no outputSchema");
            Assert.False(result.GetProperty("isError").GetBoolean(), $"{name} failed: {result.GetProperty("text")}");
            var text = result.GetProperty("text").GetString()!;
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(text).RootElement, result.GetProperty("structuredContent")),
                $"{name}: structuredContent differs from the text block");
            Assert.DoesNotContain("\\u", text);
        }

        var read = seen.Single(result => result.GetProperty("name").GetString() == "bucket_object_text");
        Assert.Equal(Unicode, read.GetProperty("structuredContent").GetProperty("text").GetString());
        Assert.Contains("naïve ✓ куилт <&> 'q'", read.GetProperty("text").GetString());
    }

    private static object Call(string name, object arguments) => new { name, arguments };

    private async Task<List<JsonElement>> RunAsync(object[] calls)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(calls));
            var token = Principals.Token("structured", "quilt:read quilt:write", [Bucket]);
            var output = await NodeScript.RunAsync("mcp-structured-check.mjs", [data.Server.McpUri.ToString(), file],
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
