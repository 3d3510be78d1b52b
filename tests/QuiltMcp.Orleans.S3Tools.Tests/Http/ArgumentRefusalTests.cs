using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// Refuse before spending: every argument of every tool is checked before credentials are requested or any AWS or
/// catalog request is made. Each bad argument below is refused with its exact error, the caller's role is never
/// assumed (no STS call) and s3rver receives nothing.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ArgumentRefusalTests(DataServer data)
{
    public const string Bucket = "granted-bucket";
    private const string UriTail = " Expected s3://bucket/key, optionally with ?versionId=….";
    private const string VersionRule = "S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =";
    private const string NotAPackage = "is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/').";
    private const string NotASelector = "is not 'latest', a revision time (Unix seconds) or a top hash (64 lowercase hex digits, or a prefix of at least 6).";

    public static TheoryData<string, object, string> BadArguments()
    {
        var tooManyItems = Enumerable.Range(0, 101).Select(index => new { key = $"k{index}", text = "x" }).ToArray();
        var tooManyEntries = Enumerable.Range(0, 10_001).Select(index => new { s3_uri = $"s3://{Bucket}/k{index}" }).ToArray();
        return new TheoryData<string, object, string>
        {
            // bucket_objects_list
            { "bucket_objects_list", new { bucket = "Not_A_Bucket" }, "'Not_A_Bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
            { "bucket_objects_list", new { bucket = Bucket, max_keys = 0 }, "max_keys must be between 1 and 1000, not 0." },
            { "bucket_objects_list", new { bucket = Bucket, max_keys = 1001 }, "max_keys must be between 1 and 1000, not 1001." },
            { "bucket_objects_list", new { bucket = Bucket, continuation_token = "" }, "continuation_token is not a token returned by bucket_objects_list." },
            { "bucket_objects_list", new { bucket = Bucket, continuation_token = "a\nb" }, "continuation_token is not a token returned by bucket_objects_list." },
            { "bucket_objects_list", new { bucket = Bucket, delimiter = new string('/', 17) }, "delimiter must be 1–16 printable characters." },
            { "bucket_objects_list", new { bucket = Bucket, prefix = "a\u0000" }, "The prefix 'a?' contains control characters." },
            // the object readers
            { "bucket_object_info", new { s3_uri = $"https://{Bucket}/k" }, $"Invalid S3 URI 'https://{Bucket}/k' in s3_uri: it must start with s3://.{UriTail}" },
            { "bucket_object_info", new { s3_uri = $"s3://{Bucket}/" }, $"Invalid S3 URI 's3://{Bucket}/' in s3_uri: it names a bucket or prefix, not an object.{UriTail}" },
            { "bucket_object_info", new { s3_uri = "s3://Granted-Bucket/k" }, $"Invalid S3 URI 's3://Granted-Bucket/k' in s3_uri: 'Granted-Bucket' is not a valid bucket name.{UriTail}" },
            { "bucket_object_info", new { s3_uri = $"s3://{Bucket}/k?acl=1" }, $"Invalid S3 URI 's3://{Bucket}/k?acl=1' in s3_uri: only ?versionId=… is understood, not 'acl=1'.{UriTail}" },
            { "bucket_object_info", new { s3_uri = $"s3://{Bucket}/k?versionId=1&versionId=2" }, $"Invalid S3 URI 's3://{Bucket}/k?versionId=1&versionId=2' in s3_uri: versionId is given twice.{UriTail}" },
            { "bucket_object_info", new { s3_uri = $"s3://{Bucket}/k#x" }, $"Invalid S3 URI 's3://{Bucket}/k#x' in s3_uri: it has a #fragment.{UriTail}" },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k\u0000x" }, $"Invalid S3 URI 's3://{Bucket}/k?x' in s3_uri: it contains control characters.{UriTail}" },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k", max_bytes = 0 }, "max_bytes must be between 1 and 4194304, not 0." },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k", max_bytes = 4194305 }, "max_bytes must be between 1 and 4194304, not 4194305." },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k", encoding = "ebcdic" }, "Unsupported encoding 'ebcdic'; use one of utf-8, utf-16, utf-16le, utf-16be, latin-1, ascii." },
            { "bucket_object_fetch", new { s3_uri = $"s3://{Bucket}/k", max_bytes = 8388609 }, "max_bytes must be between 1 and 8388608, not 8388609." },
            { "bucket_object_link", new { s3_uri = $"s3://{Bucket}/k", expiration = 0 }, "expiration must be between 1 and 604800 seconds (7 days), not 0." },
            { "bucket_object_link", new { s3_uri = $"s3://{Bucket}/k", expiration = 604801 }, "expiration must be between 1 and 604800 seconds (7 days), not 604801." },
            // version ids, as an argument and inside a URI
            { "bucket_object_info", new { s3_uri = $"s3://{Bucket}/k", version_id = "v1&acl" }, $"version_id 'v1&acl' contains '&', which S3 version ids never do; {VersionRule}." },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k", version_id = "" }, $"version_id is empty; {VersionRule}." },
            { "bucket_object_fetch", new { s3_uri = $"s3://{Bucket}/k", version_id = new string('v', 1025) }, $"version_id '{new string('v', 80)}…' is longer than 1024 characters; {VersionRule}." },
            { "bucket_object_link", new { s3_uri = $"s3://{Bucket}/k?versionId=one", version_id = "two" }, "version_id 'two' differs from the versionId in s3_uri ('one'); give the version once, as version_id or in the URI." },
            { "bucket_object_text", new { s3_uri = $"s3://{Bucket}/k?versionId=v1%0D%0Ax" }, $"Invalid S3 URI 's3://{Bucket}/k?versionId=v1%0D%0Ax' in s3_uri: its versionId 'v1??x' contains control characters; {VersionRule}.{UriTail}" },
            { "bucket_objects_list", new { bucket = Bucket, versions = true, continuation_token = "an-s3-token" }, "continuation_token is not a token returned by bucket_objects_list with versions=true." },
            { "bucket_objects_list", new { bucket = Bucket, continuation_token = "versions.WyJrIiwiIl0" }, "continuation_token comes from a listing with versions=true; pass versions=true with it." },
            // bucket_objects_put
            { "bucket_objects_put", new { bucket = "no", items = new[] { new { key = "k", text = "x" } } }, "'no' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
            { "bucket_objects_put", new { bucket = Bucket, items = Array.Empty<object>() }, "items is empty: give at least one {key, text | data} item." },
            { "bucket_objects_put", new { bucket = Bucket, items = tooManyItems }, "At most 100 items can be put in one call, not 101." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", text = "x" }, new { key = "k", text = "y" } } }, "The key 'k' appears more than once." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", text = "x", data = "eA==" } } }, "Item 0 ('k') needs exactly one of text and data." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k" } } }, "Item 0 ('k') needs exactly one of text and data." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", data = "not base64!" } } }, "The data of item 0 ('k') is not valid base64." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", text = "x", content_type = "text/plain; charset=é" } } }, "The content_type of item 0 must be 1–255 printable ASCII characters." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", text = "x", metadata = new Dictionary<string, string> { ["a b"] = "v" } } } }, "Metadata name 'a b' of item 0 must use letters, digits, '-', '_' or '.'." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "k", text = "x", metadata = new Dictionary<string, string> { ["n"] = "v\r\nx-amz-acl: public-read" } } } }, "Metadata value of 'n' in item 0 must be printable ASCII." },
            { "bucket_objects_put", new { bucket = Bucket, items = new[] { new { key = "", text = "x" } } }, "The key of items[0] is empty." },
            // package_list
            { "package_list", new { bucket = Bucket, prefix = "a/b/c" }, "prefix 'a/b/c' is not the start of a package name (namespace/name)." },
            { "package_list", new { bucket = Bucket, prefix = "../x" }, "prefix '../x' is not the start of a package name (namespace/name)." },
            { "package_list", new { bucket = Bucket, limit = 0 }, "limit must be between 1 and 1000, not 0." },
            // package_browse and package_diff: revision selectors are parsed with the other arguments
            { "package_browse", new { bucket = Bucket, package = "no-slash" }, $"package 'no-slash' {NotAPackage}" },
            { "package_browse", new { bucket = Bucket, package = "a/b", hash_or_tag = "abc" }, $"hash_or_tag 'abc' {NotASelector}" },
            { "package_browse", new { bucket = Bucket, package = "a/b", hash_or_tag = "LATEST" }, $"hash_or_tag 'LATEST' {NotASelector}" },
            { "package_browse", new { bucket = Bucket, package = "a/b", hash_or_tag = "latest/../x" }, $"hash_or_tag 'latest/../x' {NotASelector}" },
            { "package_browse", new { bucket = Bucket, package = "a/b", max_entries = 0 }, "max_entries must be between 1 and 10000, not 0." },
            { "package_browse", new { bucket = Bucket, package = "a/b", path = "a//b" }, "The path 'a//b' has an empty path segment (a leading, trailing or doubled '/'), which quilt3 does not allow." },
            { "package_diff", new { bucket = Bucket, package_a = "a/b", hash_a = "zzzzzz" }, $"hash_a 'zzzzzz' {NotASelector}" },
            { "package_diff", new { bucket = Bucket, package_a = "a/b", hash_b = "1234g" }, $"hash_b '1234g' {NotASelector}" },
            { "package_diff", new { bucket = Bucket, package_a = "a/b", package_b = "x" }, $"package_b 'x' {NotAPackage}" },
            // package_create
            { "package_create", new { bucket = Bucket, package = "a/b", entries = Array.Empty<object>() }, "entries is empty: give at least one {s3_uri, logical_key} entry." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3:/{Bucket}/k" } } },
                $"Invalid S3 URI 's3:/{Bucket}/k' in entries[0].s3_uri: it must start with s3://.{UriTail}" },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new object?[] { null } }, "entries[0] is null." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = tooManyEntries }, "A package may have at most 10000 entries; entries has 10001." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/one/k.csv" }, new { s3_uri = $"s3://{Bucket}/two/k.csv" } } },
                "The logical key 'k.csv' would be given twice (entries[0] and entries[1])." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k", logical_key = "x" }, new { s3_uri = $"s3://{Bucket}/k", logical_key = "x/y" } } },
                "'x' would be both a file and a folder of 'x/y'." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k", logical_key = "a//b" } } },
                "The logical key in entries[0].logical_key 'a//b' has an empty path segment (a leading, trailing or doubled '/'), which quilt3 does not allow." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/dir/?versionId=1" } } },
                $"Invalid S3 URI 's3://{Bucket}/dir/?versionId=1' in entries[0].s3_uri: a versionId applies to an object, not a prefix.{UriTail}" },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k", meta = (object)new[] { 1 } } } },
                $"The meta of entries[0] (s3://{Bucket}/k) must be a JSON object." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k" } }, metadata = new[] { 1 } }, "The argument 'metadata' must be an object (Package metadata (a JSON object), stored as user_meta), not an array." },
            { "package_create", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k" } }, message = "bell\u0007" },
                "message must be at most 10000 characters without control characters other than newline and tab." },
            { "package_create", new { bucket = Bucket, package = "a/../b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k" } } }, $"package 'a/../b' {NotAPackage}" },
            // package_update and package_delete
            { "package_update", new { bucket = Bucket, package = "a/b" }, "Nothing to update: give entries, remove, metadata or message." },
            { "package_update", new { bucket = Bucket, package = "a/b", remove = new[] { "x", "x" } }, "remove lists 'x' twice." },
            { "package_update", new { bucket = Bucket, package = "a/b", remove = new[] { "a//b" } },
                "The logical key in remove[0] 'a//b' has an empty path segment (a leading, trailing or doubled '/'), which quilt3 does not allow." },
            { "package_update", new { bucket = Bucket, package = "a/b", remove = new[] { "" } }, "The logical key in remove[0] is empty." },
            { "package_update", new { bucket = Bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{Bucket}/k?versionId=" } } },
                $"Invalid S3 URI 's3://{Bucket}/k?versionId=' in entries[0].s3_uri: its versionId is empty; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =.{UriTail}" },
            { "package_delete", new { bucket = Bucket, package = "a/b/c" }, $"package 'a/b/c' {NotAPackage}" },
            // the link builders
            { "catalog_uri", new { bucket = Bucket, package = "a/b", top_hash = "xyz" }, "top_hash 'xyz' is not a top hash (64 lowercase hex digits)." },
            { "catalog_uri", new { bucket = Bucket, top_hash = new string('a', 64) }, "top_hash needs a package." },
            { "catalog_url", new { bucket = "UPPER-CASE", package = "a/b" }, "'UPPER-CASE' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        };
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Every_bad_argument_is_refused_before_credentials_or_any_request(string tool, object arguments, string error)
    {
        var subject = "careless-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await data.ConnectAsync(subject, "quilt:read quilt:write", [Bucket]);
        var before = data.S3.Requests.Count;

        var refusal = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Equal(error, refusal);
        Assert.Equal(before, data.S3.Requests.Count);
        Assert.Empty(data.Sts.CallsFor(Principals.RoleArn("data-" + subject)));
    }

    /// <summary>The corpus as JSON-ready (tool, arguments, error) rows, for servers other than this collection's.</summary>
    public static IEnumerable<(string Tool, JsonElement Arguments, string Error)> Rows() =>
        BadArguments().Select(row => ((string)row[0], JsonSerializer.SerializeToElement(row[1]), (string)row[2]));
}
