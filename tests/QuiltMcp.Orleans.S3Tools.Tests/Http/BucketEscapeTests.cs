using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// The escape the review found, tried for real against s3rver with path-style addressing: a caller granted one
/// bucket aims at another one's object, through tool arguments, through keys planted in the granted bucket, and
/// past the argument checks straight at the S3 client. The other bucket's object is never read, written or deleted.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class BucketEscapeTests(DataServer data)
{
    private const string Source = "escape-source";
    private const string Target = "escape-target";
    private const string Secret = "the other bucket's secret";
    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";

    [Fact]
    public async Task Path_style_s3rver_resolves_dot_segments_so_the_escape_is_real()
    {
        await SeedAsync();

        // The plain SDK sends the key as given; s3rver resolves the '..' and stores the object in the other bucket.
        await data.S3.PutTextAsync(Source, $"../{Target}/planted-by-the-sdk.txt", "planted");

        Assert.Equal("planted", Encoding.UTF8.GetString(await data.S3.GetAsync(Target, "planted-by-the-sdk.txt")));
        Assert.DoesNotContain($"../{Target}/planted-by-the-sdk.txt", await data.S3.KeysAsync(Source));
        await data.S3.Client.DeleteObjectAsync(Target, "planted-by-the-sdk.txt");
    }

    public static TheoryData<string, object> EscapeAttempts() => new()
    {
        { "bucket_object_text", new { s3_uri = $"s3://{Source}/../{Target}/secret.txt" } },
        { "bucket_object_fetch", new { s3_uri = $"s3://{Source}/%2e%2e/{Target}/secret.txt" } },
        { "bucket_object_info", new { s3_uri = $"s3://{Source}/..%2F{Target}%2Fsecret.txt" } },
        { "bucket_object_link", new { s3_uri = $"s3://{Source}/a/../../{Target}/secret.txt" } },
        { "bucket_objects_put", new { bucket = Source, items = new[] { new { key = $"../{Target}/secret.txt", text = "overwritten" } } } },
        { "bucket_objects_put", new { bucket = Source, items = new[] { new { key = $"%2e%2e/{Target}/secret.txt", text = "overwritten" } } } },
        { "package_create", new { bucket = Source, package = "team/stolen", entries = new[] { new { s3_uri = $"s3://{Source}/../{Target}/secret.txt" } } } },
        { "package_create", new { bucket = Source, package = "team/stolen", entries = new[] { new { s3_uri = $"s3://{Source}/%2e%2e/{Target}/" } } } },
    };

    [Theory]
    [MemberData(nameof(EscapeAttempts))]
    public async Task Tools_neither_read_nor_write_the_other_bucket(string tool, object arguments)
    {
        await SeedAsync();
        var subject = "escaper-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await data.ConnectAsync(subject, "quilt:read quilt:write", [Source]);
        var before = data.S3.Requests.Count;

        var error = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Contains(Rule, error);
        Assert.Equal(before, data.S3.Requests.Count);
        Assert.Empty(data.Sts.CallsFor(Principals.RoleArn("data-" + subject)));
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task The_s3_client_refuses_escapes_that_got_past_the_argument_checks()
    {
        await SeedAsync();
        using IAmazonS3 guarded = new GuardedS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
            new AmazonS3Config { ServiceURL = data.S3.ServiceUrl, AuthenticationRegion = "us-east-1", ForcePathStyle = true },
            S3ClientScope.ForBuckets([Source]));
        var before = data.S3.Requests.Count;

        foreach (var key in new[] { $"../{Target}/secret.txt", $"%2e%2e/{Target}/secret.txt", $"a/../../{Target}/secret.txt", $"..\\{Target}\\secret.txt" })
        {
            await Assert.ThrowsAsync<S3RequestRefusedException>(() => guarded.GetObjectAsync(Source, key));
            await Assert.ThrowsAsync<S3RequestRefusedException>(() => guarded.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Source,
                Key = key,
                ContentBody = "overwritten",
                UseChunkEncoding = false,
            }));
            await Assert.ThrowsAsync<S3RequestRefusedException>(() => guarded.DeleteObjectAsync(Source, key));
        }

        await Assert.ThrowsAsync<S3RequestRefusedException>(() => guarded.GetObjectAsync(Target, "secret.txt"));
        Assert.Equal(before, data.S3.Requests.Count);

        // The same client still does its job for keys that stay in the bucket.
        await guarded.PutObjectAsync(new PutObjectRequest { BucketName = Source, Key = "inside/.hidden..txt", ContentBody = "inside", UseChunkEncoding = false });
        using var read = await guarded.GetObjectAsync(Source, "inside/.hidden..txt");
        Assert.Equal("inside", await new StreamReader(read.ResponseStream).ReadToEndAsync());
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task Keys_planted_in_the_granted_bucket_do_not_become_requests_elsewhere()
    {
        await SeedAsync();
        // s3rver does not resolve backslashes, so these keys are stored as written; a server that treats '\' as '/' would not.
        var plantedData = $"data/..\\..\\{Target}\\secret.txt";
        var plantedPointer = $".quilt/named_packages/team/planted/..\\..\\..\\..\\{Target}\\secret.txt";
        await data.S3.PutTextAsync(Source, "data/fine.txt", "fine");
        await data.S3.PutTextAsync(Source, plantedData, "planted");
        await data.S3.PutTextAsync(Source, ".quilt/named_packages/team/planted/latest", new string('a', 64));
        await data.S3.PutTextAsync(Source, plantedPointer, new string('a', 64));
        await using var client = await data.ConnectAsync("planter-victim", "quilt:read quilt:write", [Source]);

        var create = await ToolCall.ErrorAsync(client, "package_create", new { bucket = Source, package = "team/harvest", entries = new[] { new { s3_uri = $"s3://{Source}/data/" } } });
        var delete = await ToolCall.ErrorAsync(client, "package_delete", new { bucket = Source, package = "team/planted" });

        Assert.Equal(
            $"The object key '{plantedData}' found under s3://{Source}/data/ (entries[0]) has a '..' path segment; {Rule}. Nothing was written.", create);
        Assert.Equal(
            $"The pointer key '{plantedPointer}' in s3://{Source} has a '..' path segment; {Rule}; nothing was deleted.", delete);
        Assert.Empty(await data.S3.KeysAsync(Source, ".quilt/packages/"));
        Assert.Contains(".quilt/named_packages/team/planted/latest", await data.S3.KeysAsync(Source, ".quilt/named_packages/team/planted/"));
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task A_manifest_with_escaping_keys_is_never_written_again()
    {
        await SeedAsync();
        var topHash = new string('b', 64);
        var physical = $"s3://{Source}/%2e%2e/{Target}/secret.txt";
        await data.S3.PutTextAsync(Source, $".quilt/packages/{topHash}", string.Join('\n',
            """{"version": "v0", "message": "planted"}""",
            $$$"""{"logical_key": "secret.txt", "physical_keys": ["{{{physical}}}"], "size": 25, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}"""));
        await data.S3.PutTextAsync(Source, ".quilt/named_packages/team/manifested/latest", topHash);
        var escapingLogical = new string('c', 64);
        await data.S3.PutTextAsync(Source, $".quilt/packages/{escapingLogical}", string.Join('\n',
            """{"version": "v0", "message": "planted"}""",
            $$$"""{"logical_key": "../../.bashrc", "physical_keys": ["s3://{{{Source}}}/data/fine.txt"], "size": 4, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}"""));
        await data.S3.PutTextAsync(Source, ".quilt/named_packages/team/installer/latest", escapingLogical);
        await using var client = await data.ConnectAsync("manifest-victim", "quilt:read quilt:write", [Source]);

        var physicalError = await ToolCall.ErrorAsync(client, "package_update", new { bucket = Source, package = "team/manifested", message = "again" });
        var logicalError = await ToolCall.ErrorAsync(client, "package_update", new { bucket = Source, package = "team/installer", message = "again" });

        Assert.Equal(
            $"The entry 'secret.txt' of the latest revision of 'team/manifested' ({topHash[..12]}) has an unusable physical key (Invalid S3 URI '{physical}' "
            + $"in physical_keys: its key '../{Target}/secret.txt' has a '..' path segment; {Rule}. Expected s3://bucket/key, optionally with ?versionId=…). Nothing was written.",
            physicalError);
        Assert.Equal(
            $"The logical key of an entry of the latest revision of 'team/installer' ({escapingLogical[..12]}) '../../.bashrc' has a '..' path segment; {Rule}.",
            logicalError);
        Assert.Equal([$".quilt/packages/{topHash}", $".quilt/packages/{escapingLogical}"], (await data.S3.KeysAsync(Source, ".quilt/packages/")).Order().ToArray());
        await AssertTargetUntouchedAsync();
    }

    private async Task SeedAsync()
    {
        foreach (var bucket in new[] { Source, Target })
        {
            if (!(await data.S3.Client.ListBucketsAsync()).Buckets?.Any(existing => existing.BucketName == bucket) ?? true)
            {
                await data.S3.CreateBucketAsync(bucket);
            }
        }

        await data.S3.PutTextAsync(Target, "secret.txt", Secret);
    }

    /// <summary>The other bucket holds exactly its one object, unchanged, and no request named it.</summary>
    private async Task AssertTargetUntouchedAsync()
    {
        Assert.Equal(["secret.txt"], await data.S3.KeysAsync(Target));
        Assert.Equal(Secret, Encoding.UTF8.GetString(await data.S3.GetAsync(Target, "secret.txt")));
    }
}
