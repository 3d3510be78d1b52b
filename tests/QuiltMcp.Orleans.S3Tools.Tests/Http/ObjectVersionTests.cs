using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// S3 object versions end to end, over HTTP, against s3rver with versioning: writes report the version S3 assigned,
/// every read tool reads the version it is asked for (as version_id or as ?versionId= in the URI) and says which it
/// read, links carry the version inside their signature, listings show versions, and packages pin the version they
/// hashed so an overwrite of the object does not change what the package holds.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ObjectVersionTests(DataServer data)
{
    private const string ReadWrite = "quilt:read quilt:write";
    private const string OldText = "the first words";
    private const string NewText = "the second, longer words";

    [Fact]
    public async Task Put_reports_the_version_s3_assigned_and_each_read_tool_reads_the_old_or_the_new_one()
    {
        const string bucket = "versions-read-tools";
        await data.S3.CreateVersionedBucketAsync(bucket);
        await using var client = await data.ConnectAsync("version-reader", ReadWrite, [bucket]);
        var uri = $"s3://{bucket}/notes/v.txt";

        var oldVersion = await PutAsync(client, bucket, "notes/v.txt", OldText);
        var newVersion = await PutAsync(client, bucket, "notes/v.txt", NewText);

        Assert.Equal([newVersion, oldVersion], await VersionsInS3Async(bucket, "notes/v.txt"));

        var currentInfo = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = uri });
        var oldInfo = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = uri, version_id = oldVersion });
        Assert.Equal((newVersion, NewText.Length), (currentInfo.GetProperty("version_id").GetString(), currentInfo.GetProperty("size").GetInt32()));
        Assert.Equal((oldVersion, OldText.Length), (oldInfo.GetProperty("version_id").GetString(), oldInfo.GetProperty("size").GetInt32()));
        Assert.Equal($"{uri}?versionId={oldVersion}", oldInfo.GetProperty("s3_uri").GetString());

        foreach (var arguments in new object[] { new { s3_uri = uri, version_id = oldVersion }, new { s3_uri = $"{uri}?versionId={oldVersion}" } })
        {
            var text = await ToolCall.JsonAsync(client, "bucket_object_text", arguments);
            Assert.Equal((OldText, oldVersion), (text.GetProperty("text").GetString(), text.GetProperty("version_id").GetString()));
        }

        var currentText = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = uri });
        Assert.Equal((NewText, newVersion), (currentText.GetProperty("text").GetString(), currentText.GetProperty("version_id").GetString()));

        var fetched = await ToolCall.RawAsync(client, "bucket_object_fetch", new { s3_uri = uri, version_id = oldVersion });
        Assert.NotEqual(true, fetched.IsError);
        var summary = JsonDocument.Parse(Assert.IsType<TextContentBlock>(fetched.Content[0]).Text).RootElement;
        Assert.Equal((oldVersion, OldText.Length), (summary.GetProperty("version_id").GetString(), summary.GetProperty("size").GetInt32()));
        Assert.Equal(OldText, Assert.IsType<TextContentBlock>(fetched.Content[1]).Text);
    }

    [Fact]
    public async Task A_link_to_a_version_signs_the_version_id_and_downloads_that_version()
    {
        const string bucket = "versions-links";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var oldVersion = await data.S3.PutVersionAsync(bucket, "report.txt", OldText);
        await data.S3.PutVersionAsync(bucket, "report.txt", NewText);
        const string subject = "version-linker";
        await using var client = await data.ConnectAsync(subject, "quilt:read", [bucket], Principals.ReadActions);

        var link = await ToolCall.JsonAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/report.txt", version_id = oldVersion });
        var current = await ToolCall.JsonAsync(client, "bucket_object_link", new { s3_uri = $"s3://{bucket}/report.txt" });

        var url = new Uri(link.GetProperty("url").GetString()!);
        var query = PresignedUrlSignature.Query(url);
        Assert.Equal(oldVersion, query["versionId"]);
        Assert.Equal(oldVersion, link.GetProperty("version_id").GetString());
        var secret = data.Sts.IssuedFor(Principals.RoleArn("data-" + subject)).Single(issued => query["X-Amz-Credential"].StartsWith(issued.AccessKeyId + "/", StringComparison.Ordinal)).SecretAccessKey;
        Assert.True(PresignedUrlSignature.IsValid(url, secret));
        // The version is inside what was signed: pointing the link at another version breaks its signature.
        var retargeted = new Uri(url.ToString().Replace($"versionId={Uri.EscapeDataString(oldVersion!)}", "versionId=" + new string('A', 32), StringComparison.Ordinal));
        Assert.NotEqual(url, retargeted);
        Assert.False(PresignedUrlSignature.IsValid(retargeted, secret));

        using var http = new HttpClient();
        Assert.Equal(OldText, await http.GetStringAsync(url));
        Assert.Equal(NewText, await http.GetStringAsync(current.GetProperty("url").GetString()));
        Assert.False(current.TryGetProperty("version_id", out _));
        Assert.DoesNotContain("versionId", current.GetProperty("url").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_the_object_never_had_is_a_clear_error_naming_what_to_do()
    {
        const string bucket = "versions-missing";
        await data.S3.CreateVersionedBucketAsync(bucket);
        await data.S3.PutVersionAsync(bucket, "k.txt", OldText);
        await using var client = await data.ConnectAsync("version-seeker", "quilt:read", [bucket], Principals.ReadActions);
        var unknown = new string('A', 32);
        const string Hint = "Leave the version out to read the current object; bucket_objects_list with versions=true lists the versions a key has.";

        var text = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/k.txt", version_id = unknown });
        var info = await ToolCall.ErrorAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/k.txt", version_id = unknown });
        var malformed = await ToolCall.ErrorAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/k.txt", version_id = "abc" });

        Assert.Equal($"s3://{bucket}/k.txt?versionId={unknown} does not exist: S3 has no such version of the object (NoSuchVersion). {Hint}", text);
        // A HEAD answer has no body, so only its status says what was missing.
        Assert.Equal($"s3://{bucket}/k.txt?versionId={unknown} does not exist: S3 has no such version of the object (HTTP 404). {Hint}", info);
        Assert.Equal($"S3 does not know the version of s3://{bucket}/k.txt?versionId=abc (InvalidArgument: not a version id of this bucket; an unversioned bucket has none). {Hint}", malformed);
    }

    [Fact]
    public async Task A_version_given_twice_differently_is_refused_before_any_request()
    {
        const string bucket = "versions-twice";
        await using var client = await data.ConnectAsync("version-twice", "quilt:read", [bucket], Principals.ReadActions);
        var before = data.S3.Requests.Count;

        var refusal = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/k.txt?versionId=one", version_id = "two" });
        var afterRefusal = data.S3.Requests.Count;
        var same = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/k.txt?versionId=one", version_id = "one" });

        Assert.Equal("version_id 'two' differs from the versionId in s3_uri ('one'); give the version once, as version_id or in the URI.", refusal);
        Assert.Equal(before, afterRefusal);
        Assert.Single(data.S3.Requests.Skip(afterRefusal));
        // The same version twice is one version: it is asked for (and the bucket does not exist, which S3 says).
        Assert.Contains("NoSuchBucket", same, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_list_with_versions_pages_through_every_version_and_delete_marker()
    {
        const string bucket = "versions-listing";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var a1 = await data.S3.PutVersionAsync(bucket, "d/a.txt", "a1");
        var a2 = await data.S3.PutVersionAsync(bucket, "d/a.txt", "a2 a2");
        var b1 = await data.S3.PutVersionAsync(bucket, "d/b.txt", "b1");
        var marker = (await data.S3.Client.DeleteObjectAsync(bucket, "d/b.txt")).VersionId;
        await using var client = await data.ConnectAsync("version-lister", "quilt:read", [bucket]);

        var first = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "d/", versions = true, max_keys = 2 });
        var second = await ToolCall.JsonAsync(client, "bucket_objects_list", new
        {
            bucket, prefix = "d/", versions = true, max_keys = 2, continuation_token = first.GetProperty("next_continuation_token").GetString(),
        });
        var plain = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "d/" });

        Assert.True(first.GetProperty("is_truncated").GetBoolean());
        Assert.Equal([("d/a.txt", a2, true, false), ("d/a.txt", a1, false, false)], Rows(first));
        Assert.Equal($"s3://{bucket}/d/a.txt?versionId={a1}", first.GetProperty("objects")[1].GetProperty("s3_uri").GetString());
        Assert.Equal(5, first.GetProperty("objects")[0].GetProperty("size").GetInt32());
        Assert.False(second.GetProperty("is_truncated").GetBoolean());
        Assert.Equal([("d/b.txt", marker, true, true), ("d/b.txt", b1, false, false)], Rows(second));
        // Without versions=true the listing is as before: current objects only, no version fields.
        Assert.Equal("d/a.txt", Assert.Single(plain.GetProperty("objects").EnumerateArray()).GetProperty("key").GetString());
        Assert.False(plain.GetProperty("objects")[0].TryGetProperty("version_id", out _));

        var oldText = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = first.GetProperty("objects")[1].GetProperty("s3_uri").GetString() });
        Assert.Equal("a1", oldText.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_package_pins_the_versions_it_hashed_and_reads_them_after_the_objects_are_overwritten()
    {
        const string source = "versions-pkg-data";
        const string registry = "versions-pkg-registry";
        await data.S3.CreateVersionedBucketAsync(source);
        await data.S3.CreateBucketAsync(registry);
        var singleVersion = await data.S3.PutVersionAsync(source, "single.txt", OldText);
        var inFolderVersion = await data.S3.PutVersionAsync(source, "folder/in.txt", "folder, first");
        var olderVersion = await data.S3.PutVersionAsync(source, "pinned.txt", "pinned, old");
        await data.S3.PutVersionAsync(source, "pinned.txt", "pinned, current");
        await using var client = await data.ConnectAsync("version-packager", ReadWrite, [source, registry]);
        var listedBefore = data.S3.RequestsFor(source).Count;

        var created = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket = registry,
            package = "lab/pinned",
            entries = new object[]
            {
                new { s3_uri = $"s3://{source}/single.txt" },
                new { s3_uri = $"s3://{source}/folder/", logical_key = "folder" },
                new { s3_uri = $"s3://{source}/pinned.txt?versionId={olderVersion}" },
            },
        });

        // One listing for the prefix and one GET per object, which hashes it and names its version: nothing more.
        Assert.Equal(4, data.S3.RequestsFor(source).Count - listedBefore);
        await data.S3.PutVersionAsync(source, "single.txt", NewText);
        await data.S3.PutVersionAsync(source, "folder/in.txt", "folder, overwritten");

        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "lab/pinned", recursive = true });
        var keys = tree.GetProperty("entries").EnumerateArray().ToDictionary(entry => entry.GetProperty("logical_key").GetString()!, entry => entry.GetProperty("physical_key").GetString()!);
        Assert.Equal(created.GetProperty("top_hash").GetString(), tree.GetProperty("top_hash").GetString());
        Assert.Equal($"s3://{source}/single.txt?versionId={singleVersion}", keys["single.txt"]);
        Assert.Equal($"s3://{source}/folder/in.txt?versionId={inFolderVersion}", keys["folder/in.txt"]);
        Assert.Equal($"s3://{source}/pinned.txt?versionId={olderVersion}", keys["pinned.txt"]);

        // What package_browse hands a model to read is the pinned version, not what the key holds now.
        Assert.Equal(OldText, await TextAsync(client, keys["single.txt"]));
        Assert.Equal("folder, first", await TextAsync(client, keys["folder/in.txt"]));
        Assert.Equal("pinned, old", await TextAsync(client, keys["pinned.txt"]));

        var manifest = ReferenceManifest.Parse(await data.S3.GetAsync(registry, $".quilt/packages/{created.GetProperty("top_hash").GetString()}"));
        Assert.Equal(Sha256(OldText), manifest.Entry("single.txt").GetProperty("hash").GetProperty("value").GetString());
        Assert.Equal(Sha256("pinned, old"), manifest.Entry("pinned.txt").GetProperty("hash").GetProperty("value").GetString());
        Assert.Equal([$"s3://{source}/single.txt?versionId={singleVersion}"],
            manifest.Entry("single.txt").GetProperty("physical_keys").EnumerateArray().Select(key => key.GetString()!).ToArray());
    }

    [Fact]
    public async Task An_update_pins_new_entries_and_keeps_the_pins_of_entries_it_carries_over()
    {
        const string bucket = "versions-pkg-update";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var kept = await data.S3.PutVersionAsync(bucket, "kept.txt", "kept, first");
        await using var client = await data.ConnectAsync("version-updater", ReadWrite, [bucket]);
        await ToolCall.JsonAsync(client, "package_create", new { bucket, package = "lab/carried", entries = new[] { new { s3_uri = $"s3://{bucket}/kept.txt" } } });
        await data.S3.PutVersionAsync(bucket, "kept.txt", "kept, overwritten");
        var added = await data.S3.PutVersionAsync(bucket, "added.txt", "added");

        await ToolCall.JsonAsync(client, "package_update", new { bucket, package = "lab/carried", entries = new[] { new { s3_uri = $"s3://{bucket}/added.txt" } } });

        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket, package = "lab/carried" });
        var keys = tree.GetProperty("entries").EnumerateArray().ToDictionary(entry => entry.GetProperty("logical_key").GetString()!, entry => entry.GetProperty("physical_key").GetString()!);
        Assert.Equal($"s3://{bucket}/kept.txt?versionId={kept}", keys["kept.txt"]);
        Assert.Equal($"s3://{bucket}/added.txt?versionId={added}", keys["added.txt"]);
        Assert.Equal("kept, first", await TextAsync(client, keys["kept.txt"]));
    }

    [Fact]
    public async Task Unversioned_buckets_report_no_version_anywhere()
    {
        const string bucket = "versions-none";
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("no-versions", ReadWrite, [bucket]);

        var put = await ToolCall.JsonAsync(client, "bucket_objects_put", new { bucket, items = new[] { new { key = "k.txt", text = "plain" } } });
        var info = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/k.txt" });
        var text = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/k.txt" });
        await ToolCall.JsonAsync(client, "package_create", new { bucket, package = "lab/plain", entries = new[] { new { s3_uri = $"s3://{bucket}/k.txt" } } });
        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket, package = "lab/plain" });

        Assert.False(put.GetProperty("items")[0].TryGetProperty("version_id", out _));
        Assert.False(info.TryGetProperty("version_id", out _));
        Assert.False(text.TryGetProperty("version_id", out _));
        Assert.Equal($"s3://{bucket}/k.txt", tree.GetProperty("entries")[0].GetProperty("physical_key").GetString());
    }

    private static async Task<string> PutAsync(ModelContextProtocol.Client.McpClient client, string bucket, string key, string text)
    {
        var put = await ToolCall.JsonAsync(client, "bucket_objects_put", new { bucket, items = new[] { new { key, text } } });
        var version = put.GetProperty("items")[0].GetProperty("version_id").GetString();
        Assert.Matches("^[A-Za-z0-9_-]{32}$", version);
        return version!;
    }

    private async Task<string[]> VersionsInS3Async(string bucket, string key)
    {
        var listed = await data.S3.Client.ListVersionsAsync(new Amazon.S3.Model.ListVersionsRequest { BucketName = bucket, Prefix = key });
        return (listed.Versions ?? []).Select(version => version.VersionId).ToArray();
    }

    private static async Task<string> TextAsync(ModelContextProtocol.Client.McpClient client, string s3Uri) =>
        (await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = s3Uri })).GetProperty("text").GetString()!;

    private static (string Key, string? VersionId, bool Latest, bool DeleteMarker)[] Rows(JsonElement listing) =>
        listing.GetProperty("objects").EnumerateArray().Select(item => (
            item.GetProperty("key").GetString()!,
            item.GetProperty("version_id").GetString(),
            item.GetProperty("is_latest").GetBoolean(),
            item.TryGetProperty("delete_marker", out var deleted) && deleted.GetBoolean())).ToArray();

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
