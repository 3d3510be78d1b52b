using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// Keys, prefixes, URIs, package sources and logical keys that would climb out of the granted bucket, in every
/// encoding, through every tool that takes one: each is refused with the exact tool error, before any STS call and
/// without a single request reaching S3.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class KeyTraversalTests(DataServer data)
{
    public const string Granted = "bar-bucket";
    public const string Rule = "keys may not contain '.' or '..' segments in any encoding";

    /// <summary>Keys as a caller types them, with what the key rule finds in each.</summary>
    public static readonly (string Key, string Finding)[] RawKeys =
    [
        ("../other-bucket/x", "a '..' path segment"),
        ("a/../../other-bucket/x", "a '..' path segment"),
        ("./x", "a '.' path segment"),
        ("..;/other-bucket/x", "a '..' path segment"),
        ("..\\other-bucket\\x", "a '..' path segment"),
        ("%2e%2e/other-bucket/x", "a '..' path segment once percent-decoded"),
        ("..%2Fother-bucket%2Fx", "a '..' path segment once percent-decoded"),
        ("..%5Cother-bucket", "a '..' path segment once percent-decoded"),
        ("%252e%252e/other-bucket/x", "a '..' path segment after 2 rounds of percent-decoding"),
        ("%c0%ae%c0%ae/other-bucket/x", "a '..' path segment once percent-decoded"),
        ("\uFF0E\uFF0E/other-bucket/x", "a '..' path segment once Unicode-normalized (NFKC)"),
        ("\u2025/other-bucket/x", "a '..' path segment once Unicode-normalized (NFKC)"),
    ];

    /// <summary>S3 URIs in the bucket the caller may use, the key each decodes to, and what the key rule finds in it.</summary>
    public static readonly (string Uri, string Key, string Finding)[] Uris =
    [
        ($"s3://{Granted}/../other-bucket/x", "../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/a/../../other-bucket/x", "a/../../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/./x", "./x", "a '.' path segment"),
        ($"s3://{Granted}/%2e%2e/other-bucket/x", "../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/%2E%2E/other-bucket/x", "../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/..%2Fother-bucket%2Fx", "../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/..%2fother-bucket%2fx", "../other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/..%5Cother-bucket%5Cx", "..\\other-bucket\\x", "a '..' path segment"),
        ($"s3://{Granted}/..\\other-bucket\\x", "..\\other-bucket\\x", "a '..' path segment"),
        ($"s3://{Granted}/..;/other-bucket/x", "..;/other-bucket/x", "a '..' path segment"),
        ($"s3://{Granted}/%252e%252e/other-bucket/x", "%2e%2e/other-bucket/x", "a '..' path segment once percent-decoded"),
        ($"s3://{Granted}/%c0%ae%c0%ae/other-bucket/x", "%c0%ae%c0%ae/other-bucket/x", "a '..' path segment once percent-decoded"),
        ($"s3://{Granted}/%u002e%u002e/other-bucket/x", "%u002e%u002e/other-bucket/x", "a '..' path segment once percent-decoded"),
        ($"s3://{Granted}/%EF%BC%8E%EF%BC%8E/other-bucket/x", "\uFF0E\uFF0E/other-bucket/x", "a '..' path segment once Unicode-normalized (NFKC)"),
        ($"s3://{Granted}/\u2025/other-bucket/x", "\u2025/other-bucket/x", "a '..' path segment once Unicode-normalized (NFKC)"),
    ];

    public static TheoryData<string, object, string> HostileCalls()
    {
        var calls = new TheoryData<string, object, string>();
        foreach (var (uri, key, finding) in Uris)
        {
            foreach (var tool in new[] { "bucket_object_info", "bucket_object_text", "bucket_object_fetch", "bucket_object_link" })
            {
                calls.Add(tool, new { s3_uri = uri }, UriError(uri, "s3_uri", key, finding));
            }

            calls.Add("package_create", new { bucket = Granted, package = "team/escape", entries = new[] { new { s3_uri = uri } } },
                UriError(uri, "entries[0].s3_uri", key, finding));
            calls.Add("package_create", new { bucket = Granted, package = "team/escape", entries = new[] { new { s3_uri = uri + "/" } } },
                UriError(uri + "/", "entries[0].s3_uri", key + "/", finding));
            calls.Add("package_update", new { bucket = Granted, package = "team/escape", entries = new[] { new { s3_uri = uri } } },
                UriError(uri, "entries[0].s3_uri", key, finding));
        }

        foreach (var (key, finding) in RawKeys)
        {
            calls.Add("bucket_objects_put", new { bucket = Granted, items = new[] { new { key = "fine.txt", text = "ok" }, new { key, text = "planted" } } },
                $"The key of items[1] '{key}' has {finding}; {Rule}.");
            calls.Add("bucket_objects_list", new { bucket = Granted, prefix = key }, $"The prefix '{key}' has {finding}; {Rule}.");
            calls.Add("package_create", new { bucket = Granted, package = "team/escape", entries = new[] { new { s3_uri = $"s3://{Granted}/data/x.csv", logical_key = key } } },
                $"The logical key in entries[0].logical_key '{key}' has {finding}; {Rule}.");
            calls.Add("package_update", new { bucket = Granted, package = "team/escape", remove = new[] { key } },
                $"The logical key in remove[0] '{key}' has {finding}; {Rule}.");
            calls.Add("package_browse", new { bucket = Granted, package = "team/escape", path = key }, $"The path '{key}' has {finding}; {Rule}.");
            calls.Add("catalog_uri", new { bucket = Granted, package = "team/escape", path = key }, $"The path '{key}' has {finding}; {Rule}.");
            calls.Add("catalog_url", new { bucket = Granted, package = "team/escape", path = key }, $"The path '{key}' has {finding}; {Rule}.");
        }

        calls.Add("bucket_object_text", new { s3_uri = $"s3://{Granted}/a%00b" },
            $"Invalid S3 URI 's3://{Granted}/a%00b' in s3_uri: it decodes to control characters. Expected s3://bucket/key, optionally with ?versionId=….");
        calls.Add("bucket_objects_put", new { bucket = Granted, items = new[] { new { key = "a\u0000b", text = "x" } } },
            "The key of items[0] 'a?b' contains control characters.");
        return calls;
    }

    [Theory]
    [MemberData(nameof(HostileCalls))]
    public async Task Traversal_in_any_encoding_is_refused_before_any_sts_or_s3_request(string tool, object arguments, string error)
    {
        var subject = "climber-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await data.ConnectAsync(subject, "quilt:read quilt:write", [Granted]);
        var before = data.S3.Requests.Count;

        var refusal = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Equal(error, refusal);
        Assert.Equal(before, data.S3.Requests.Count);
        Assert.Empty(data.Sts.CallsFor(Principals.RoleArn("data-" + subject)));
    }

    private static string UriError(string uri, string argument, string key, string finding) =>
        $"Invalid S3 URI '{uri}' in {argument}: its key '{key}' has {finding}; {Rule}. Expected s3://bucket/key, optionally with ?versionId=….";
}
