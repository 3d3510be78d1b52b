using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

[Collection(DataServerCollection.Name)]
public sealed class PackageToolTests(DataServer data)
{
    private const string Scopes = "quilt:read quilt:write";

    [Fact]
    public async Task Package_round_trip_create_list_browse_update_diff_delete()
    {
        const string registry = "pkg-registry";
        const string source = "pkg-source";
        await data.S3.CreateBucketAsync(registry);
        await data.S3.CreateBucketAsync(source);
        await data.S3.PutTextAsync(source, "run1/a.csv", "x,y\n1,2\n");
        await data.S3.PutTextAsync(source, "run1/sub/b.txt", "bee");
        await data.S3.PutTextAsync(source, "run1/folder-marker/", "");
        await data.S3.PutTextAsync(source, "notes.md", "# notes");
        await using var client = await data.ConnectAsync("packager", Scopes, [registry, source]);

        var progress = new ConcurrentQueue<ProgressNotificationValue>();
        var createdResult = await ToolCall.RawAsync(client, "package_create", new
        {
            bucket = registry,
            package = "alice/experiment",
            entries = new object[]
            {
                new { s3_uri = $"s3://{source}/run1/", logical_key = "data" },
                new { s3_uri = $"s3://{source}/notes.md", meta = new { author = "alice" } },
            },
            metadata = new { project = "demo", runs = 1 },
            message = "first",
        }, new SynchronousProgress(progress.Enqueue));
        Assert.NotEqual(true, createdResult.IsError);
        var created = Parse(createdResult);
        var firstHash = created.GetProperty("top_hash").GetString()!;
        Assert.Equal(3, created.GetProperty("entries").GetInt32());

        // Progress: one notification per hashed object, with the total.
        Assert.Equal(3, progress.Count);
        Assert.All(progress, value => Assert.Equal(3, value.Total));

        // The stored manifest, read independently, matches and hashes to the returned top hash.
        var manifest = ReferenceManifest.Parse(await data.S3.GetAsync(registry, $".quilt/packages/{firstHash}"));
        Assert.Equal(firstHash, manifest.ComputeTopHash());
        Assert.Equal("v0", manifest.Meta.GetProperty("version").GetString());
        Assert.Equal("first", manifest.Meta.GetProperty("message").GetString());
        Assert.Equal("demo", manifest.Meta.GetProperty("user_meta").GetProperty("project").GetString());
        var csv = manifest.Entry("data/a.csv");
        Assert.Equal($"s3://{source}/run1/a.csv", csv.GetProperty("physical_keys")[0].GetString());
        Assert.Equal("SHA256", csv.GetProperty("hash").GetProperty("type").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("x,y\n1,2\n"u8)), csv.GetProperty("hash").GetProperty("value").GetString());
        Assert.Equal("alice", manifest.Entry("notes.md").GetProperty("meta").GetProperty("user_meta").GetProperty("author").GetString());
        Assert.Equal(firstHash, Encoding.UTF8.GetString(await data.S3.GetAsync(registry, ".quilt/named_packages/alice/experiment/latest")));

        var listed = await ToolCall.JsonAsync(client, "package_list", new { bucket = registry });
        var package = Assert.Single(listed.GetProperty("packages").EnumerateArray());
        Assert.Equal("alice/experiment", package.GetProperty("name").GetString());
        Assert.Equal(firstHash, package.GetProperty("top_hash").GetString());

        var root = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "alice/experiment" });
        Assert.Equal(["data/", "notes.md"], Names(root));
        Assert.Equal(8 + 3, root.GetProperty("entries")[0].GetProperty("size").GetInt64());
        var all = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "alice/experiment", recursive = true, path = "data" });
        Assert.Equal(["data/a.csv", "data/sub/b.txt"], Names(all));

        var exists = await ToolCall.ErrorAsync(client, "package_create", new { bucket = registry, package = "alice/experiment", entries = new[] { new { s3_uri = $"s3://{source}/notes.md" } } });
        Assert.Contains("already exists", exists);

        await data.S3.PutTextAsync(source, "notes.md", "# notes, revised");
        await data.S3.PutTextAsync(source, "extra.json", "{}");
        var updated = await ToolCall.JsonAsync(client, "package_update", new
        {
            bucket = registry,
            package = "alice/experiment",
            entries = new object[] { new { s3_uri = $"s3://{source}/notes.md" }, new { s3_uri = $"s3://{source}/extra.json", logical_key = "meta/extra.json" } },
            remove = new[] { "data/sub/b.txt" },
            message = "second",
        });
        var secondHash = updated.GetProperty("top_hash").GetString()!;
        Assert.NotEqual(firstHash, secondHash);
        Assert.Equal(firstHash, updated.GetProperty("previous_top_hash").GetString());
        var second = ReferenceManifest.Parse(await data.S3.GetAsync(registry, $".quilt/packages/{secondHash}"));
        Assert.Equal(secondHash, second.ComputeTopHash());
        Assert.Equal("demo", second.Meta.GetProperty("user_meta").GetProperty("project").GetString());

        var diff = await ToolCall.JsonAsync(client, "package_diff", new { bucket = registry, package_a = "alice/experiment", hash_a = firstHash[..10], hash_b = "latest" });
        Assert.Equal(["meta/extra.json"], Strings(diff, "added"));
        Assert.Equal(["data/sub/b.txt"], Strings(diff, "removed"));
        Assert.Equal(["notes.md"], Strings(diff, "modified"));

        var byRevision = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "alice/experiment", hash_or_tag = updated.GetProperty("revision").GetString() });
        Assert.Equal(secondHash, byRevision.GetProperty("top_hash").GetString());

        var deleted = await ToolCall.JsonAsync(client, "package_delete", new { bucket = registry, package = "alice/experiment" });
        Assert.True(deleted.GetProperty("pointers_deleted").GetInt32() >= 2);
        Assert.Empty((await ToolCall.JsonAsync(client, "package_list", new { bucket = registry })).GetProperty("packages").EnumerateArray());
        Assert.Contains("Unknown package", await ToolCall.ErrorAsync(client, "package_browse", new { bucket = registry, package = "alice/experiment" }));
        Assert.Contains("Unknown package", await ToolCall.ErrorAsync(client, "package_delete", new { bucket = registry, package = "alice/experiment" }));

        // Manifests outlive the name, as with quilt3: a revision still opens by its top hash.
        var kept = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "alice/experiment", hash_or_tag = firstHash });
        Assert.Equal("first", kept.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_package_written_by_quilt3_browses_and_updates_keep_its_entries()
    {
        const string registry = "quilt3-registry";
        await data.S3.CreateBucketAsync(registry);
        await data.S3.PutAsync(registry, $".quilt/packages/{Quilt3Manifest.TopHash}", Encoding.UTF8.GetBytes(Quilt3Manifest.Text));
        await data.S3.PutTextAsync(registry, ".quilt/named_packages/lab/raw/1700000000", Quilt3Manifest.TopHash);
        await data.S3.PutTextAsync(registry, ".quilt/named_packages/lab/raw/latest", Quilt3Manifest.TopHash);
        await using var client = await data.ConnectAsync("quilt3-user", Scopes, [registry]);

        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "lab/raw", recursive = true });
        Assert.Equal(Quilt3Manifest.TopHash, tree.GetProperty("top_hash").GetString());
        Assert.Equal("written by quilt3", tree.GetProperty("message").GetString());
        Assert.Equal(["README.md", "raw/sample 1.csv"], Names(tree));
        Assert.Equal("s3://src-bucket/raw/sample%201.csv?versionId=v1", tree.GetProperty("entries")[1].GetProperty("physical_key").GetString());

        var byTime = await ToolCall.JsonAsync(client, "package_browse", new { bucket = registry, package = "lab/raw", hash_or_tag = "1700000000" });
        Assert.Equal(Quilt3Manifest.TopHash, byTime.GetProperty("top_hash").GetString());

        var updated = await ToolCall.JsonAsync(client, "package_update", new { bucket = registry, package = "lab/raw", message = "annotated" });
        var manifest = ReferenceManifest.Parse(await data.S3.GetAsync(registry, $".quilt/packages/{updated.GetProperty("top_hash").GetString()}"));
        Assert.Equal(2, manifest.Entries.Count);
        Assert.Equal("Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg=", manifest.Entry("raw/sample 1.csv").GetProperty("hash").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Unknown_packages_hashes_and_bad_references_are_clear_errors_that_write_nothing()
    {
        const string registry = "pkg-errors";
        await data.S3.CreateBucketAsync(registry);
        await data.S3.PutTextAsync(registry, "data/one.txt", "1");
        await using var client = await data.ConnectAsync("error-prone", Scopes, [registry]);

        Assert.Contains("Unknown package", await ToolCall.ErrorAsync(client, "package_browse", new { bucket = registry, package = "no/such" }));
        Assert.Contains("Unknown package revision", await ToolCall.ErrorAsync(client, "package_browse", new { bucket = registry, package = "no/such", hash_or_tag = new string('a', 64) }));
        Assert.Contains("no revision", await ToolCall.ErrorAsync(client, "package_browse", new { bucket = registry, package = "no/such", hash_or_tag = "123" }));
        Assert.Contains("Unknown package", await ToolCall.ErrorAsync(client, "package_update", new { bucket = registry, package = "no/such", message = "m" }));

        // A missing source object fails the create before anything is written.
        Assert.Contains("does not exist", await ToolCall.ErrorAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/broken",
            entries = new object[] { new { s3_uri = $"s3://{registry}/data/one.txt" }, new { s3_uri = $"s3://{registry}/data/missing.txt" } },
        }));
        Assert.Contains("both a file and a folder", await ToolCall.ErrorAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/broken",
            entries = new object[] { new { s3_uri = $"s3://{registry}/data/one.txt", logical_key = "x" }, new { s3_uri = $"s3://{registry}/data/one.txt", logical_key = "x/y" } },
        }));
        Assert.Empty(await data.S3.KeysAsync(registry, ".quilt/"));
    }

    private static JsonElement Parse(ModelContextProtocol.Protocol.CallToolResult result) =>
        JsonDocument.Parse(result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Single().Text).RootElement.Clone();

    private static string[] Names(JsonElement tree) =>
        tree.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("logical_key").GetString()!).ToArray();

    private static string[] Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(item => item.GetString()!).ToArray();

    /// <summary>Records progress as it is reported (Progress&lt;T&gt; would post to a thread pool and race the assert).</summary>
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
