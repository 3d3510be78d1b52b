using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Resources;

/// <summary>
/// MCP resources over HTTP with the official C# client, against s3rver: templates, reads of objects (text and blobs),
/// package summaries and package files in quilt3's URI forms, and the errors a client gets (with their JSON-RPC codes).
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ResourceReadTests(DataServer data)
{
    private const int Limit = 8 * 1024 * 1024;

    [Fact]
    public async Task Templates_are_listed_with_names_titles_descriptions_and_mime_types()
    {
        await using var client = await data.ConnectAsync("template-reader", "quilt:read", ["template-bucket"], Principals.ReadActions);

        Assert.NotNull(client.ServerCapabilities.Resources);
        var templates = await client.ListResourceTemplatesAsync();

        Assert.Equal(
            ["package_file quilt+s3://{bucket}#package={+package}&path={+path} ",
             "package_summary quilt+s3://{bucket}#package={+package} application/json",
             "s3_object s3://{bucket}/{+key}{?versionId} "],
            templates.Select(t => $"{t.Name} {t.UriTemplate} {t.MimeType}").Order(StringComparer.Ordinal).ToArray());
        Assert.All(templates, template =>
        {
            Assert.False(string.IsNullOrWhiteSpace(template.Title), template.Name);
            Assert.Contains("needs what", template.Description, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Objects_are_read_whole_as_text_or_as_a_blob_by_what_they_hold()
    {
        const string bucket = "resource-objects";
        await data.S3.CreateBucketAsync(bucket);
        const string text = "naïve ✓ куилт\nline two";
        await data.S3.PutTextAsync(bucket, "notes/read me.txt", text);
        await data.S3.PutAsync(bucket, "table.csv", Encoding.UTF8.GetBytes("x,y\n1,2\n"));
        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff];
        await data.S3.PutAsync(bucket, "img.png", png, "image/png");
        byte[] bytes = [0x00, 0x01, 0xfe, 0xff];
        await data.S3.PutAsync(bucket, "blob.bin", bytes);
        await using var client = await data.ConnectAsync("resource-reader", "quilt:read", [bucket], Principals.ReadActions);

        var notes = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/notes/read%20me.txt")).Contents));
        Assert.Equal(text, notes.Text);
        Assert.Equal("text/plain", notes.MimeType);
        Assert.Equal($"s3://{bucket}/notes/read%20me.txt", notes.Uri);

        // Stored without a content type: text by its bytes, typed by its extension.
        var table = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/table.csv")).Contents));
        Assert.Equal("x,y\n1,2\n", table.Text);
        Assert.Equal("text/csv; charset=utf-8", table.MimeType);

        var image = Assert.IsType<BlobResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/img.png")).Contents));
        Assert.Equal(png, image.DecodedData.ToArray());
        Assert.Equal("image/png", image.MimeType);

        var blob = Assert.IsType<BlobResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/blob.bin")).Contents));
        Assert.Equal(bytes, blob.DecodedData.ToArray());
        Assert.Equal("application/octet-stream", blob.MimeType);
    }

    [Fact]
    public async Task An_object_over_the_limit_is_refused_with_its_size_and_the_tool_to_use()
    {
        const string bucket = "resource-large";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutAsync(bucket, "big.bin", new byte[Limit + 1]);
        await data.S3.PutAsync(bucket, "exact.bin", new byte[Limit]);
        await using var client = await data.ConnectAsync("large-reader", "quilt:read", [bucket], Principals.ReadActions);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"s3://{bucket}/big.bin").AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Equal($"s3://{bucket}/big.bin is {Limit + 1} bytes; a resource read returns at most {Limit} bytes (8 MiB). "
            + "Read part of a text with bucket_object_text, or get a download link with bucket_object_link.", ServerMessage(refused));
        var exact = Assert.IsType<BlobResourceContents>(Assert.Single((await client.ReadResourceAsync($"s3://{bucket}/exact.bin")).Contents));
        Assert.Equal(Limit, exact.DecodedData.Length);
    }

    [Fact]
    public async Task A_missing_object_is_resource_not_found_naming_the_tool_that_lists_keys()
    {
        const string bucket = "resource-missing";
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("missing-reader", "quilt:read", [bucket], Principals.ReadActions);

        var missing = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"s3://{bucket}/nope.txt").AsTask());

        // The session revision (2025-11-25) gets MCP's resource-not-found code.
        Assert.Equal(McpErrorCode.ResourceNotFound, missing.ErrorCode);
        Assert.Equal($"s3://{bucket}/nope.txt does not exist (NoSuchKey): bucket_objects_list shows the keys under a prefix.", ServerMessage(missing));

        // From 2026-07-28 on, a missing resource is invalid params, as the SDK answers an unknown URI.
        await using var stateless = await Mcp.ConnectAsync(data.Server.McpUri, "2026-07-28",
            TestTokens.BearerHeader(Principals.Token("missing-reader", "quilt:read", [bucket], Principals.ReadActions)));
        var missingNow = await Assert.ThrowsAsync<McpProtocolException>(() => stateless.ReadResourceAsync($"s3://{bucket}/nope.txt").AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, missingNow.ErrorCode);
        Assert.Equal(ServerMessage(missing), ServerMessage(missingNow));
    }

    [Fact]
    public async Task Package_summaries_and_files_are_read_by_hash_tag_and_latest()
    {
        const string bucket = "resource-packages";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "src/data/a b.txt", "alpha");
        await data.S3.PutAsync(bucket, "src/img.png", [1, 2, 3, 0], "image/png");
        await using var client = await data.ConnectAsync("package-reader", "quilt:read quilt:write", [bucket]);
        var created = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket,
            package = "team/data",
            entries = new[] { new { s3_uri = $"s3://{bucket}/src/" } },
            message = "first",
            metadata = new { owner = "ana" },
        });
        var topHash = created.GetProperty("top_hash").GetString()!;

        var summaryContents = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"quilt+s3://{bucket}#package=team/data")).Contents));
        Assert.Equal("application/json", summaryContents.MimeType);
        Assert.Equal($"quilt+s3://{bucket}#package=team/data", summaryContents.Uri);
        var summary = JsonDocument.Parse(summaryContents.Text).RootElement;
        Assert.Equal(topHash, summary.GetProperty("top_hash").GetString());
        Assert.Equal($"quilt+s3://{bucket}#package=team/data@{topHash}", summary.GetProperty("uri").GetString());
        Assert.Equal("first", summary.GetProperty("message").GetString());
        Assert.Equal("ana", summary.GetProperty("user_meta").GetProperty("owner").GetString());
        Assert.Equal(2, summary.GetProperty("total_files").GetInt32());
        Assert.Equal(9, summary.GetProperty("total_bytes").GetInt64());
        Assert.False(summary.GetProperty("truncated").GetBoolean());
        var files = summary.GetProperty("files").EnumerateArray().ToDictionary(file => file.GetProperty("logical_key").GetString()!, file => file.GetProperty("uri").GetString()!);
        Assert.Equal($"quilt+s3://{bucket}#package=team/data@{topHash}&path=data/a%20b.txt", files["data/a b.txt"]);

        // The URI a summary lists reads the file, as do the tag form, the latest form and a hash prefix.
        foreach (var uri in new[] { files["data/a b.txt"], $"quilt+s3://{bucket}#package=team/data:latest&path=data/a%20b.txt",
            $"quilt+s3://{bucket}#package=team/data&path=data/a b.txt", $"quilt+s3://{bucket}#package=team/data@{topHash[..8]}&path=data/a%20b.txt&catalog=example.com" })
        {
            var file = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync(uri)).Contents));
            Assert.Equal("alpha", file.Text);
            Assert.Equal(uri, file.Uri);
            Assert.Equal("text/plain", file.MimeType);
        }

        var image = Assert.IsType<BlobResourceContents>(Assert.Single((await client.ReadResourceAsync(files["img.png"])).Contents));
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, image.DecodedData.ToArray());
        Assert.Equal("image/png", image.MimeType);

        var noFile = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"quilt+s3://{bucket}#package=team/data&path=data/none.txt").AsTask());
        Assert.Equal(McpErrorCode.ResourceNotFound, noFile.ErrorCode);
        Assert.Equal($"Package 'team/data' ({topHash[..12]}) in s3://{bucket} has no file 'data/none.txt'; its summary quilt+s3://{bucket}#package=team/data lists its files.", ServerMessage(noFile));

        var noPackage = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"quilt+s3://{bucket}#package=team/none").AsTask());
        Assert.Equal(McpErrorCode.ResourceNotFound, noPackage.ErrorCode);
        Assert.Equal($"Unknown package 'team/none' in s3://{bucket} (no .quilt/named_packages/team/none/latest).", ServerMessage(noPackage));
    }

    [Fact]
    public async Task A_planted_manifest_cannot_read_another_bucket_through_a_package_file()
    {
        const string registry = "resource-planted";
        const string victim = "resource-victim";
        await data.S3.CreateBucketAsync(registry);
        await data.S3.CreateBucketAsync(victim);
        await data.S3.PutTextAsync(victim, "secret.txt", "secret");
        var topHash = new string('e', 64);
        var hash = new string('0', 64);
        await data.S3.PutAsync(registry, $".quilt/packages/{topHash}", Encoding.UTF8.GetBytes(string.Join('\n',
            """{"version": "v0", "message": "planted"}""",
            $$$"""{"logical_key": "steal.txt", "physical_keys": ["s3://{{{victim}}}/secret.txt"], "size": 6, "hash": {"type": "SHA256", "value": "{{{hash}}}"}, "meta": {}}""",
            $$$"""{"logical_key": "escape.txt", "physical_keys": ["s3://{{{registry}}}/../{{{victim}}}/secret.txt"], "size": 6, "hash": {"type": "SHA256", "value": "{{{hash}}}"}, "meta": {}}""")));
        await data.S3.PutTextAsync(registry, ".quilt/named_packages/evil/pkg/latest", topHash);
        await using var client = await data.ConnectAsync("planted-reader", "quilt:read", [registry], Principals.ReadActions);
        var victimRequests = data.S3.RequestsFor(victim).Count;

        var steal = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"quilt+s3://{registry}#package=evil/pkg&path=steal.txt").AsTask());
        var escape = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"quilt+s3://{registry}#package=evil/pkg&path=escape.txt").AsTask());

        // The data bucket is checked against the grants like any other, before a request is made to it.
        Assert.Equal(McpErrorCode.InvalidParams, steal.ErrorCode);
        Assert.Equal($"Access denied: bucket '{victim}' is not among the buckets your token grants.", ServerMessage(steal));
        Assert.Equal(McpErrorCode.InternalError, escape.ErrorCode);
        Assert.Equal($"The file 'escape.txt' of package 'evil/pkg' cannot be read: Invalid S3 URI 's3://{registry}/../{victim}/secret.txt' in the package "
            + $"file's physical key: its key '../{victim}/secret.txt' has a '..' path segment; keys may not contain '.' or '..' segments in any encoding. "
            + "Expected s3://bucket/key, optionally with ?versionId=….", ServerMessage(escape));
        Assert.Equal(victimRequests, data.S3.RequestsFor(victim).Count);
    }

    [Fact]
    public async Task Auth_status_is_the_same_content_as_the_tool()
    {
        await using var client = await data.ConnectAsync("status-reader", "quilt:read", ["status-bucket"], Principals.ReadActions);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync("auth://status")).Contents));
        var tool = await ToolCall.JsonAsync(client, "auth_status", new { });

        Assert.Equal("application/json", contents.MimeType);
        Assert.True(JsonElement.DeepEquals(tool, JsonDocument.Parse(contents.Text).RootElement), contents.Text + "\n" + tool);
        Assert.Equal("web-jwt", tool.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Reads_outside_the_callers_grants_are_refused_before_any_sts_or_s3_request()
    {
        const string bucket = "resource-granted";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "a.txt", "granted");
        await using var noScope = await data.ConnectAsync("resource-no-scope", "public:read", [bucket], Principals.ReadActions);
        await using var noGet = await data.ConnectAsync("resource-list-only", "quilt:read", [bucket], ["s3:ListBucket"]);
        await using var reader = await data.ConnectAsync("resource-other", "quilt:read", [bucket], Principals.ReadActions);
        var (sts, s3) = (data.Sts.Calls.Count, data.S3.Requests.Count);

        Assert.Equal($"Access denied: the resource 's3://{bucket}/a.txt' is read as bucket_object_fetch reads it, and tool 'bucket_object_fetch' requires scope 'quilt:read'.",
            await RefusalAsync(noScope, $"s3://{bucket}/a.txt", McpErrorCode.InvalidParams));
        Assert.Equal("Access denied: your token does not grant s3:GetObject.",
            await RefusalAsync(noGet, $"s3://{bucket}/a.txt", McpErrorCode.InvalidParams));
        Assert.Equal("Access denied: your token does not grant s3:GetObjectVersion.",
            await RefusalAsync(noGet, $"s3://{bucket}/a.txt?versionId=v1", McpErrorCode.InvalidParams));
        Assert.Equal("Access denied: bucket 'other-resource-bucket' is not among the buckets your token grants.",
            await RefusalAsync(reader, "s3://other-resource-bucket/a.txt", McpErrorCode.InvalidParams));
        Assert.Equal("Access denied: bucket 'other-resource-bucket' is not among the buckets your token grants.",
            await RefusalAsync(reader, "quilt+s3://other-resource-bucket#package=team/data", McpErrorCode.InvalidParams));
        Assert.Equal($"Invalid S3 URI 's3://{bucket}/%2e%2e/other-resource-bucket/a.txt' in uri: its key '../other-resource-bucket/a.txt' has a '..' path segment; "
            + "keys may not contain '.' or '..' segments in any encoding. Expected s3://bucket/key, optionally with ?versionId=….",
            await RefusalAsync(reader, $"s3://{bucket}/%2e%2e/other-resource-bucket/a.txt", McpErrorCode.InvalidParams));

        Assert.Equal((sts, s3), (data.Sts.Calls.Count, data.S3.Requests.Count));

        // The templates and resources a caller without the read scope sees: auth://status only.
        Assert.Empty(await noScope.ListResourceTemplatesAsync());
        Assert.Equal(["auth://status"], (await noScope.ListResourcesAsync()).Select(resource => resource.Uri).ToArray());
        // Without s3:GetObject no package can be browsed, so no bucket is listed either.
        Assert.Equal(["auth://status"], (await noGet.ListResourcesAsync()).Select(resource => resource.Uri).ToArray());
    }

    private static async Task<string> RefusalAsync(McpClient client, string uri, McpErrorCode code)
    {
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync(uri).AsTask());
        Assert.Equal(code, refused.ErrorCode);
        return ServerMessage(refused);
    }

    /// <summary>The JSON-RPC error's message as the server sent it (the C# client puts its own prefix before it).</summary>
    internal static string ServerMessage(McpProtocolException refused)
    {
        const string prefix = "Request failed (remote): ";
        Assert.StartsWith(prefix, refused.Message, StringComparison.Ordinal);
        return refused.Message[prefix.Length..];
    }
}
