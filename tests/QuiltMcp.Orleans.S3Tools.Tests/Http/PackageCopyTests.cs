using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// package_create and package_update with copy: true, over HTTP against s3rver: the data is copied server-side into
/// the registry bucket under &lt;package&gt;/&lt;logical key&gt; (CopyObject below the multipart threshold,
/// UploadPartCopy from it on), the manifest points at the copies with sha2-256-chunked hashes (from S3's part
/// checksums, or from streaming the source) that a second, independent reading of the copies reproduces, and a copy that fails or is cancelled publishes nothing and leaves no
/// multipart upload behind.
/// </summary>
[Collection(CopyModeServerCollection.Name)]
public sealed class PackageCopyTests(CopyModeServer server)
{
    private const int MiB = 1024 * 1024;

    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["small.csv"] = "x,y\n1,2\n"u8.ToArray(),
        ["empty.bin"] = [],
        ["big/one-part.bin"] = Generated(2 * MiB, seed: 1),
        ["big/two-parts.bin"] = Generated((8 * MiB) + 1, seed: 2),
    };

    [Fact]
    public async Task Create_copies_every_entry_into_the_registry_and_the_manifest_points_at_hashed_copies()
    {
        const string registry = "copy-registry";
        const string source = "copy-source";
        await SeedAsync(registry, source);
        await using var client = await server.ConnectAsync("copier", [registry, source]);
        var progress = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await ToolCall.RawAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/copied",
            entries = new object[] { new { s3_uri = $"s3://{source}/run/" } },
            message = "with data",
            copy = true,
        }, new SynchronousProgress(progress.Enqueue));

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.NotEqual(true, result.IsError);
        var created = JsonDocument.Parse(text).RootElement;
        var totalBytes = Files.Values.Sum(body => (long)body.Length);
        Assert.Equal(4, created.GetProperty("entries").GetInt32());
        Assert.Equal(4, created.GetProperty("copied_objects").GetInt32());
        Assert.Equal(totalBytes, created.GetProperty("copied_bytes").GetInt64());
        Assert.True(text.Length < 600, $"The result should stay compact: {text}");

        // The manifest, read independently: it hashes to the top hash, and each entry is a copy under the package name.
        var topHash = created.GetProperty("top_hash").GetString()!;
        var manifest = ReferenceManifest.Parse(await server.S3.GetAsync(registry, $".quilt/packages/{topHash}"));
        Assert.Equal(topHash, manifest.ComputeTopHash());
        foreach (var (logicalKey, body) in Files)
        {
            var entry = manifest.Entry(logicalKey);
            Assert.Equal($"s3://{registry}/team/copied/{logicalKey}", entry.GetProperty("physical_keys")[0].GetString());
            Assert.Equal(body.Length, entry.GetProperty("size").GetInt64());
            var copied = await server.S3.GetAsync(registry, $"team/copied/{logicalKey}");
            Assert.Equal(body, copied);
            Assert.Equal("sha2-256-chunked", entry.GetProperty("hash").GetProperty("type").GetString());
            Assert.Equal(PlainChunkedHash.Of(copied), entry.GetProperty("hash").GetProperty("value").GetString());
            Assert.Equal(body, await server.S3.GetAsync(source, $"run/{logicalKey}"));
        }

        Assert.Equal(topHash, Encoding.UTF8.GetString(await server.S3.GetAsync(registry, ".quilt/named_packages/team/copied/latest")));

        // Server-side copies: two CopyObject, two multipart uploads with 1 + 2 UploadPartCopy; the data never passed
        // through the server on its way in (no PUT of a body to the data keys), and no upload is left open.
        var writes = server.S3.RequestsFor(registry).Where(request => request.Key.StartsWith("team/copied/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, writes.Count(request => request.Method == "PUT" && request.Target.Contains("partNumber=", StringComparison.Ordinal)));
        Assert.Equal(2, writes.Count(request => request.Method == "POST" && request.Target.EndsWith("?uploads", StringComparison.Ordinal)));
        Assert.Equal(2, writes.Count(request => request.Method == "POST" && request.Target.Contains("uploadId=", StringComparison.Ordinal)));
        Assert.Equal(2, writes.Count(request => request.Method == "PUT" && !request.Target.Contains('?', StringComparison.Ordinal)));
        Assert.DoesNotContain(writes, request => request.Method == "DELETE");
        Assert.Empty(await server.OpenUploadsAsync(registry));
        Assert.DoesNotContain(server.S3.RequestsFor(source), request => request.Method is "PUT" or "POST" or "DELETE");

        // The multipart copies' hashes come from the SHA-256 S3 reported for each part; only the objects s3rver copied
        // in one CopyObject (which reports no checksum there) were read to be hashed.
        var read = server.S3.RequestsFor(source).Where(request => request.Method == "GET" && request.Key.StartsWith("run/", StringComparison.Ordinal));
        Assert.Equal(["run/empty.bin", "run/small.csv"], read.Select(request => request.Key).Order());

        // Progress in bytes: one running total per object and per part, naming each part of a multipart copy, up to the
        // total. Their arrival order is not asserted: the SDK sends each notification without awaiting the one before,
        // and its client handles incoming messages concurrently, so two quick reports can arrive swapped.
        var values = progress.ToArray();
        Assert.All(values, value => Assert.Equal(totalBytes, value.Total));
        Assert.All(values, value => Assert.InRange(value.Progress, 0, totalBytes));
        Assert.Equal(totalBytes, values.Max(value => value.Progress));
        Assert.Contains(values, value => value.Message == "copied big/two-parts.bin, part 2 of 2");
    }

    [Fact]
    public async Task Update_copies_only_the_entries_it_is_given_and_keeps_a_copy_already_in_place()
    {
        const string registry = "copy-update-registry";
        const string source = "copy-update-source";
        await SeedAsync(registry, source);
        await server.S3.PutTextAsync(source, "later/notes.md", "# later");
        await using var client = await server.ConnectAsync("copy-updater", [registry, source]);
        var first = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/grown",
            entries = new object[] { new { s3_uri = $"s3://{source}/run/small.csv" } },
        });

        var updated = await ToolCall.JsonAsync(client, "package_update", new
        {
            bucket = registry,
            package = "team/grown",
            entries = new object[] { new { s3_uri = $"s3://{source}/later/notes.md", logical_key = "docs/notes.md" } },
            copy = true,
        });

        // Only the entry given was copied; the kept one still points where it did.
        Assert.Equal(1, updated.GetProperty("copied_objects").GetInt32());
        Assert.Equal(7, updated.GetProperty("copied_bytes").GetInt64());
        var manifest = ReferenceManifest.Parse(await server.S3.GetAsync(registry, $".quilt/packages/{updated.GetProperty("top_hash").GetString()}"));
        Assert.Equal($"s3://{source}/run/small.csv", manifest.Entry("small.csv").GetProperty("physical_keys")[0].GetString());
        Assert.Equal("SHA256", manifest.Entry("small.csv").GetProperty("hash").GetProperty("type").GetString());
        Assert.Equal($"s3://{registry}/team/grown/docs/notes.md", manifest.Entry("docs/notes.md").GetProperty("physical_keys")[0].GetString());
        Assert.Equal(PlainChunkedHash.Of("# later"u8.ToArray()), manifest.Entry("docs/notes.md").GetProperty("hash").GetProperty("value").GetString());
        Assert.Equal(first.GetProperty("top_hash").GetString(), updated.GetProperty("previous_top_hash").GetString());

        // A source that already is its own destination is recorded as it is, not copied onto itself.
        var kept = await ToolCall.JsonAsync(client, "package_update", new
        {
            bucket = registry,
            package = "team/grown",
            entries = new object[] { new { s3_uri = $"s3://{registry}/team/grown/docs/notes.md", logical_key = "docs/notes.md" } },
            message = "same place",
            copy = true,
        });
        Assert.Equal(0, kept.GetProperty("copied_objects").GetInt32());
        Assert.Equal(0, kept.GetProperty("copied_bytes").GetInt64());
        var keptManifest = ReferenceManifest.Parse(await server.S3.GetAsync(registry, $".quilt/packages/{kept.GetProperty("top_hash").GetString()}"));
        Assert.Equal($"s3://{registry}/team/grown/docs/notes.md", keptManifest.Entry("docs/notes.md").GetProperty("physical_keys")[0].GetString());
    }

    [Fact]
    public async Task A_part_refused_by_S3_publishes_nothing_and_aborts_its_upload()
    {
        const string registry = "copy-denied-registry";
        const string source = "copy-denied-source";
        await SeedAsync(registry, source);
        await using var client = await server.ConnectAsync("copy-denied", [registry, source]);
        // S3 refuses the second part copy (a policy denying the read of the source, say), after the first one.
        using var fault = server.S3.Proxy.Inject(registry, new S3Fault { Status = 403, ErrorCode = "AccessDenied", When = IsSecondPart });

        var error = await ToolCall.ErrorAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/failed",
            entries = new object[] { new { s3_uri = $"s3://{source}/run/" } },
            copy = true,
        });

        Assert.StartsWith("Copying the entry 'big/two-parts.bin' failed: AWS denied access to s3://copy-denied-source/run/big/two-parts.bin "
            + "(copying to s3://copy-denied-registry/team/failed/big/two-parts.bin) (AccessDenied)", error);
        await AssertNothingPublishedAsync(error, registry, "team/failed/big/two-parts.bin");
    }

    [Fact]
    public async Task A_source_deleted_midway_publishes_nothing_and_aborts_its_upload()
    {
        const string registry = "copy-vanish-registry";
        const string source = "copy-vanish-source";
        await SeedAsync(registry, source);
        await using var client = await server.ConnectAsync("copy-vanish", [registry, source]);
        // The second part copy is held for a moment on its way to S3; meanwhile its source is deleted for real.
        using var hold = server.S3.Proxy.Inject(registry, new S3Fault { Delay = TimeSpan.FromSeconds(2), When = IsSecondPart });

        var call = ToolCall.ErrorAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/vanished",
            entries = new object[] { new { s3_uri = $"s3://{source}/run/big/two-parts.bin" } },
            copy = true,
        });
        await Eventually.TrueAsync(() => server.S3.RequestsFor(registry).Any(IsSecondPart), TimeSpan.FromSeconds(20), "the second part reaching S3");
        await server.S3.Client.DeleteObjectAsync(source, "run/big/two-parts.bin");
        var error = await call;

        Assert.StartsWith("Copying the entry 'two-parts.bin' failed: s3://copy-vanish-source/run/big/two-parts.bin "
            + "(copying to s3://copy-vanish-registry/team/vanished/two-parts.bin) does not exist (NoSuchKey)", error);
        await AssertNothingPublishedAsync(error, registry, "team/vanished/two-parts.bin");
    }

    private async Task AssertNothingPublishedAsync(string error, string registry, string abortedKey)
    {
        Assert.Contains("Nothing was published: no manifest or revision was written", error);
        Assert.Empty(await server.S3.KeysAsync(registry, ".quilt/"));
        Assert.Empty(await server.OpenUploadsAsync(registry));
        Assert.Contains(server.S3.RequestsFor(registry), request => request.Method == "DELETE" && request.Key == abortedKey
            && request.Target.Contains("uploadId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_source_is_named_before_anything_is_copied()
    {
        const string registry = "copy-missing-registry";
        const string source = "copy-missing-source";
        await SeedAsync(registry, source);
        await using var client = await server.ConnectAsync("copy-missing", [registry, source]);

        var error = await ToolCall.ErrorAsync(client, "package_create", new
        {
            bucket = registry,
            package = "team/missing",
            entries = new object[] { new { s3_uri = $"s3://{source}/run/small.csv" }, new { s3_uri = $"s3://{source}/run/gone.csv" } },
            copy = true,
        });

        Assert.StartsWith("Copying the entry 'gone.csv' failed: s3://copy-missing-source/run/gone.csv does not exist (NoSuchKey)", error);
        Assert.Empty(await server.S3.KeysAsync(registry));
    }

    [Fact]
    public async Task A_cancelled_copy_aborts_its_upload_and_publishes_nothing()
    {
        const string registry = "copy-cancel-registry";
        const string source = "copy-cancel-source";
        await SeedAsync(registry, source);
        var token = Principals.Token("copy-canceller", "quilt:read quilt:write", [registry, source]);
        using var http = new HttpClient { BaseAddress = server.Server.BaseUri };
        var session = await RawMcp.InitializeAsync(http, token);
        // The second part never gets an answer; the client cancels (notifications/cancelled) while it is held.
        using var hang = server.S3.Proxy.Inject(registry, S3Fault.Hang() with { When = IsSecondPart });

        using var call = await RawMcp.StartToolCallAsync(http, token, session, id: 9, "package_create",
            $$"""{"bucket":"{{registry}}","package":"team/cancelled","entries":[{"s3_uri":"s3://{{source}}/run/big/two-parts.bin"}],"copy":true}""");
        await Eventually.TrueAsync(() => server.S3.RequestsFor(registry).Any(IsSecondPart), TimeSpan.FromSeconds(20), "the second part reaching S3");
        await RawMcp.CancelAsync(http, token, session, requestId: 9);

        await Eventually.TrueAsync(
            async () => (await server.OpenUploadsAsync(registry)).Count == 0,
            FaultyS3Server.AttemptTimeout + TimeSpan.FromSeconds(3),
            "the cancelled multipart copy aborted well before any S3 timeout");
        Assert.Contains(server.S3.Proxy.Aborted, IsSecondPart);
        Assert.Contains(server.S3.RequestsFor(registry), request => request.Method == "DELETE" && request.Target.Contains("uploadId=", StringComparison.Ordinal));
        Assert.Empty(await server.S3.KeysAsync(registry, ".quilt/"));
    }

    private static bool IsSecondPart(S3Request request) =>
        request.Method == "PUT" && request.Target.Contains("partNumber=2", StringComparison.Ordinal);

    private async Task SeedAsync(string registry, string source)
    {
        await server.S3.CreateBucketAsync(registry);
        await server.S3.CreateBucketAsync(source);
        foreach (var (key, body) in Files)
        {
            await server.S3.PutAsync(source, $"run/{key}", body);
        }
    }

    private static byte[] Generated(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Records progress as it is reported (Progress&lt;T&gt; would post to a thread pool and race the assert).</summary>
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
