using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

[Collection(DataServerCollection.Name)]
public sealed class BucketToolTests(DataServer data)
{
    private const string ReadWrite = "quilt:read quilt:write";

    [Fact]
    public async Task Bucket_list_shows_the_token_grants_without_any_aws_call()
    {
        await using var client = await data.ConnectAsync("lister", "quilt:read", ["zeta-bucket", "alpha-bucket", "team-*"]);
        var stsBefore = data.Sts.Calls.Count;

        var list = await ToolCall.JsonAsync(client, "bucket_list", new { });

        Assert.Equal("token", list.GetProperty("source").GetString());
        var buckets = list.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal(["alpha-bucket", "team-*", "zeta-bucket"], buckets.Select(b => b.GetProperty("name").GetString()!).ToArray());
        Assert.True(buckets[1].GetProperty("pattern").GetBoolean());
        Assert.Equal(stsBefore, data.Sts.Calls.Count);
    }

    [Fact]
    public async Task Objects_list_pages_with_continuation_tokens_and_folders()
    {
        const string bucket = "list-pages";
        await data.S3.CreateBucketAsync(bucket);
        foreach (var key in new[] { "d/a.txt", "d/b.txt", "d/c.txt", "d/sub/x.txt", "other.txt" })
        {
            await data.S3.PutTextAsync(bucket, key, "content of " + key);
        }

        await using var client = await data.ConnectAsync("pager", "quilt:read", [bucket], Principals.ReadActions);
        var first = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "d/", max_keys = 2 });
        Assert.True(first.GetProperty("is_truncated").GetBoolean());
        Assert.Equal(["d/a.txt", "d/b.txt"], Keys(first));
        Assert.Equal("content of d/a.txt".Length, first.GetProperty("objects")[0].GetProperty("size").GetInt64());
        Assert.Equal("s3://list-pages/d/a.txt", first.GetProperty("objects")[0].GetProperty("s3_uri").GetString());

        var token = first.GetProperty("next_continuation_token").GetString();
        var second = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "d/", max_keys = 2, continuation_token = token });
        Assert.Equal(["d/c.txt", "d/sub/x.txt"], Keys(second));

        var folders = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "d/", delimiter = "/" });
        Assert.Equal(["d/a.txt", "d/b.txt", "d/c.txt"], Keys(folders));
        Assert.Equal("d/sub/", Assert.Single(folders.GetProperty("common_prefixes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Results_carry_text_as_text_not_as_unicode_escapes()
    {
        const string bucket = "readable-results";
        const string text = "naïve ✓ куилт 😀 <a&b> 'q' + \"quoted\"";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "unicode/naïve ✓.txt", text);
        await using var client = await data.ConnectAsync("unicode-reader", "quilt:read", [bucket], Principals.ReadActions);

        var raw = await ToolCall.RawAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/unicode/naïve ✓.txt" });
        var info = await ToolCall.RawAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/unicode/naïve ✓.txt" });

        var resultText = Assert.IsType<TextContentBlock>(Assert.Single(raw.Content)).Text;
        Assert.Contains("\"text\":\"naïve ✓ куилт 😀 <a&b> 'q' + \\\"quoted\\\"\"", resultText, StringComparison.Ordinal);
        var infoText = Assert.IsType<TextContentBlock>(Assert.Single(info.Content)).Text;
        Assert.Contains("\"key\":\"unicode/naïve ✓.txt\"", infoText, StringComparison.Ordinal);

        // URIs keep quilt3's percent-encoded form of the key: that is the URI, not an escape of the result.
        Assert.Contains($"\"s3_uri\":\"s3://{bucket}/unicode/na%C3%AFve%20%E2%9C%93.txt\"", resultText, StringComparison.Ordinal);
        Assert.Matches("\"etag\":\"\\\\\"[0-9a-f]+\\\\\"\"", infoText);
        Assert.DoesNotContain("\\u", resultText + infoText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_info_text_and_fetch_read_what_s3_holds()
    {
        const string bucket = "read-objects";
        await data.S3.CreateBucketAsync(bucket);
        var text = "héllo wörld\n" + new string('x', 100);
        await data.S3.PutTextAsync(bucket, "notes/readme.txt", text);
        byte[] binary = [0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff];
        await data.S3.PutAsync(bucket, "img.png", binary, "image/png");
        await using var client = await data.ConnectAsync("reader", "quilt:read", [bucket], Principals.ReadActions);

        var info = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/notes/readme.txt" });
        Assert.Equal(Encoding.UTF8.GetByteCount(text), info.GetProperty("size").GetInt64());
        Assert.Equal("text/plain", info.GetProperty("content_type").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("etag").GetString()));

        var whole = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/notes/readme.txt" });
        Assert.Equal(text, whole.GetProperty("text").GetString());
        Assert.False(whole.GetProperty("truncated").GetBoolean());

        // 2 bytes cut "é" in half: the partial character is dropped, not turned into an error or U+FFFD.
        var cut = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/notes/readme.txt", max_bytes = 2 });
        Assert.Equal("h", cut.GetProperty("text").GetString());
        Assert.True(cut.GetProperty("truncated").GetBoolean());

        var refusal = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/img.png" });
        Assert.Contains("binary content", refusal);

        var fetched = await ToolCall.RawAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/img.png" });
        Assert.NotEqual(true, fetched.IsError);
        var image = Assert.IsType<ImageContentBlock>(fetched.Content[1]);
        Assert.Equal(binary, image.DecodedData.ToArray());
        Assert.Equal("image/png", image.MimeType);
        Assert.Contains("\"content_type\":\"image/png\"", Assert.IsType<TextContentBlock>(fetched.Content[0]).Text, StringComparison.Ordinal);

        var tooBig = await ToolCall.ErrorAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/img.png", max_bytes = 6 });
        Assert.Contains("larger than max_bytes", tooBig);
    }

    [Fact]
    public async Task Fetch_returns_text_as_text_and_other_bytes_as_an_embedded_blob()
    {
        const string bucket = "fetch-kinds";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutAsync(bucket, "table.csv", Encoding.UTF8.GetBytes("a,b\nnaïve,✓\n"), "text/csv");
        await data.S3.PutAsync(bucket, "latin1.txt", [0x63, 0x61, 0x66, 0xE9], "text/plain");
        await data.S3.PutAsync(bucket, "blob.bin", [0, 1, 2, 255], "application/octet-stream");
        await using var client = await data.ConnectAsync("fetcher", "quilt:read", [bucket], Principals.ReadActions);

        var csv = await ToolCall.RawAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/table.csv" });
        var latin1 = await ToolCall.RawAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/latin1.txt" });
        var blob = await ToolCall.RawAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/blob.bin" });

        Assert.Equal("a,b\nnaïve,✓\n", Assert.IsType<TextContentBlock>(csv.Content[1]).Text);
        // Text that is not UTF-8 is not guessed at: its bytes come as they are.
        Assert.Equal(new byte[] { 0x63, 0x61, 0x66, 0xE9 }, Assert.IsType<BlobResourceContents>(Assert.IsType<EmbeddedResourceBlock>(latin1.Content[1]).Resource).DecodedData.ToArray());
        var bytes = Assert.IsType<BlobResourceContents>(Assert.IsType<EmbeddedResourceBlock>(blob.Content[1]).Resource);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, bytes.DecodedData.ToArray());
        Assert.Equal(($"s3://{bucket}/blob.bin", "application/octet-stream"), (bytes.Uri, bytes.MimeType));
    }

    [Theory]
    [InlineData("t/table.csv", true, "text/csv; charset=utf-8")]
    [InlineData("t/config.json", true, "application/json; charset=utf-8")]
    [InlineData("t/notes", true, "text/plain; charset=utf-8")]
    [InlineData("t/readme.unknown-extension", true, "text/plain; charset=utf-8")]
    [InlineData("t/chart.png", false, "image/png")]
    [InlineData("t/report.pdf", false, "application/pdf")]
    [InlineData("t/blob", false, "application/octet-stream")]
    public async Task An_object_written_without_a_content_type_gets_one_from_its_key(string key, bool isText, string expected)
    {
        var bucket = "put-type-" + key[2..].Replace('.', '-');
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("typer", ReadWrite, [bucket]);
        object item = isText ? new { key, text = "a,b" } : new { key, data = Convert.ToBase64String([1, 2, 3]) };

        await ToolCall.JsonAsync(client, "bucket_objects_put", new { bucket, items = new[] { item } });

        var head = await data.S3.Client.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(expected, head.Headers.ContentType);
    }

    [Fact]
    public async Task A_link_is_signed_for_exactly_the_seconds_asked_for()
    {
        const string bucket = "link-seconds";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "a.txt", "a");
        await using var client = await data.ConnectAsync("linker-seconds", "quilt:read", [bucket], Principals.ReadActions);

        // Repeated, because a signing time truncated to whole seconds shows only when the call crosses into its second half.
        foreach (var seconds in Enumerable.Repeat(60, 12).Append(1).Append(3600))
        {
            var link = await ToolCall.JsonAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/a.txt", expiration = seconds });
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(link.GetProperty("url").GetString()!).Query);
            Assert.Equal(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), query["X-Amz-Expires"]);
        }
    }

    [Fact]
    public async Task Put_writes_each_item_and_bad_input_writes_nothing()
    {
        const string bucket = "put-objects";
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("writer", ReadWrite, [bucket]);

        var result = await ToolCall.JsonAsync(client, "bucket_objects_put", new
        {
            bucket,
            items = new object[]
            {
                new { key = "a/hello.txt", text = "hello", metadata = new Dictionary<string, string> { ["owner"] = "writer" } },
                new { key = "a/bytes.bin", data = Convert.ToBase64String([1, 2, 3, 0]), content_type = "application/x-test" },
            },
        });
        Assert.Equal(2, result.GetProperty("written").GetInt32());
        Assert.Equal("hello"u8.ToArray(), await data.S3.GetAsync(bucket, "a/hello.txt"));
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, await data.S3.GetAsync(bucket, "a/bytes.bin"));
        var info = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/a/hello.txt" });
        Assert.Equal("writer", info.GetProperty("metadata").GetProperty("owner").GetString());

        // The second item is bad: the first must not be written either.
        var before = data.S3.RequestsFor(bucket).Count;
        var error = await ToolCall.ErrorAsync(client, "bucket_objects_put", new
        {
            bucket,
            items = new object[] { new { key = "b/first.txt", text = "x" }, new { key = "b/second.txt", data = "not base64!" } },
        });
        Assert.Contains("not valid base64", error);
        Assert.Equal(before, data.S3.RequestsFor(bucket).Count);

        foreach (var (items, reason) in new (object[] Items, string Reason)[]
        {
            ([new { key = "", text = "x" }], "is empty"),
            ([new { key = "k\u0007", text = "x" }], "control characters"),
            ([new { key = "k", text = "x", data = "eA==" }], "exactly one of text and data"),
            ([new { key = "k", text = "x" }, new { key = "k", text = "y" }], "more than once"),
            ([new { key = "k", text = "x", metadata = new Dictionary<string, string> { ["bad name"] = "v" } }], "Metadata name"),
        })
        {
            Assert.Contains(reason, await ToolCall.ErrorAsync(client, "bucket_objects_put", new { bucket, items }));
        }

        Assert.Equal(before, data.S3.RequestsFor(bucket).Count);
        Assert.False(await data.S3.ExistsAsync(bucket, "b/first.txt"));
    }

    [Fact]
    public async Task Presigned_link_downloads_the_object_and_expiry_is_bounded()
    {
        const string bucket = "link-objects";
        await data.S3.CreateBucketAsync(bucket);
        await data.S3.PutTextAsync(bucket, "shared/report.csv", "a,b\n1,2\n");
        await using var client = await data.ConnectAsync("linker", "quilt:read", [bucket], Principals.ReadActions);

        var link = await ToolCall.JsonAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/shared/report.csv", expiration = 600 });
        var url = link.GetProperty("url").GetString()!;
        Assert.StartsWith(data.S3.ServiceUrl, url);
        using var http = new HttpClient();
        Assert.Equal("a,b\n1,2\n", await http.GetStringAsync(url));
        Assert.True(link.GetProperty("expires_at").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddSeconds(601));

        Assert.Contains("7 days", await ToolCall.ErrorAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/shared/report.csv", expiration = 604801 }));
        Assert.Contains("7 days", await ToolCall.ErrorAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/shared/report.csv", expiration = 0 }));
    }

    [Fact]
    public async Task Missing_objects_and_buckets_are_clear_errors()
    {
        const string bucket = "missing-things";
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("seeker", "quilt:read", [bucket, "no-such-bucket-here"], Principals.ReadActions);

        Assert.Contains("does not exist", await ToolCall.ErrorAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/nope.txt" }));
        Assert.Contains("does not exist", await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/nope.txt" }));
        Assert.Contains("NoSuchBucket", await ToolCall.ErrorAsync(client, "bucket_objects_list", new { bucket = "no-such-bucket-here" }));
    }

    private static string[] Keys(JsonElement listing) =>
        listing.GetProperty("objects").EnumerateArray().Select(item => item.GetProperty("key").GetString()!).ToArray();
}
