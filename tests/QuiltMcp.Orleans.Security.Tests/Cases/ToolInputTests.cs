using System.Net;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// Tool arguments an attacker controls, for every kind of argument a tool takes (bucket, key, prefix, S3 URI, package
/// name, revision, logical key, limits, types), from a caller who may read and write <c>granted-bucket</c> only:
/// each is refused with its exact tool error before any credential is requested, so no STS call, no S3 request
/// (nothing read, nothing written) and no catalog query. The exhaustive per-encoding traversal matrix lives in the
/// S3 tool tests; these are the representatives of each class, run against the full target.
/// </summary>
public sealed class ToolInputTests(HostileTarget target) : CorpusTest(target)
{
    private const string Granted = HostileTarget.GrantedBucket;
    private const string Other = HostileTarget.OtherBucket;
    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";
    private const string UriHint = "Expected s3://bucket/key, optionally with ?versionId=….";
    private const string SearchAdvice = "Search only buckets that bucket_list shows you, or leave out buckets to search all of yours.";
    private const string CursorAdvice = "pass next_cursor exactly as search_catalog returned it, or leave cursor out to start a new search.";
    private const string VersionRule = "S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =";

    public static TheoryData<string, string, string> Cases() => new()
    {
        // Buckets: not granted, look-alikes, wrong case, not a bucket name at all.
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Other}}/secret.txt"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_object_info", $$"""{"s3_uri":"s3://{{Other}}/x"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_object_link", $$"""{"s3_uri":"s3://{{Other}}/secret.txt"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_objects_list", $$"""{"bucket":"{{Other}}"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_objects_put", $$"""{"bucket":"{{Other}}","items":[{"key":"planted.txt","text":"x"}]}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/steal","entries":[{"s3_uri":"s3://{{Other}}/secret.txt"}]}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_object_text", """{"s3_uri":"s3://gr\u0430nted-bucket/data/readme.txt"}""", "Invalid S3 URI 's3://grаnted-bucket/data/readme.txt' in s3_uri: 'grаnted-bucket' is not a valid bucket name. " + UriHint },
        { "bucket_object_text", """{"s3_uri":"s3://Granted-Bucket/data/readme.txt"}""", "Invalid S3 URI 's3://Granted-Bucket/data/readme.txt' in s3_uri: 'Granted-Bucket' is not a valid bucket name. " + UriHint },
        { "bucket_objects_list", """{"bucket":"granted-bucket/../other-bucket"}""", "'granted-bucket/../other-bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "bucket_objects_list", """{"bucket":"granted-bucket*"}""", "'granted-bucket*' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "bucket_tabulator_tables_list", $$"""{"bucket":"{{Other}}"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "bucket_tabulator_tables_list", """{"bucket":"granted-bucket/../other-bucket"}""", "'granted-bucket/../other-bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "bucket_tabulator_tables_list", """{"bucket":"gr\u0430nted-bucket"}""", "'grаnted-bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        // Keys and URIs that climb out of the granted bucket.
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/../{{Other}}/secret.txt"}""", $"Invalid S3 URI 's3://{Granted}/../{Other}/secret.txt' in s3_uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {UriHint}" },
        { "bucket_object_fetch", $$"""{"s3_uri":"s3://{{Granted}}/%2e%2e/{{Other}}/secret.txt"}""", $"Invalid S3 URI 's3://{Granted}/%2e%2e/{Other}/secret.txt' in s3_uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {UriHint}" },
        { "bucket_object_info", $$"""{"s3_uri":"s3://{{Granted}}/..%2F{{Other}}%2Fsecret.txt"}""", $"Invalid S3 URI 's3://{Granted}/..%2F{Other}%2Fsecret.txt' in s3_uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {UriHint}" },
        { "bucket_object_link", $$"""{"s3_uri":"s3://{{Granted}}/a/../../{{Other}}/secret.txt"}""", $"Invalid S3 URI 's3://{Granted}/a/../../{Other}/secret.txt' in s3_uri: its key 'a/../../{Other}/secret.txt' has a '..' path segment; {Rule}. {UriHint}" },
        { "bucket_objects_put", $$"""{"bucket":"{{Granted}}","items":[{"key":"../{{Other}}/planted.txt","text":"x"}]}""", $"The key of items[0] '../{Other}/planted.txt' has a '..' path segment; {Rule}." },
        { "bucket_objects_put", $$"""{"bucket":"{{Granted}}","items":[{"key":"%2e%2e/{{Other}}/planted.txt","text":"x"}]}""", $"The key of items[0] '%2e%2e/{Other}/planted.txt' has a '..' path segment once percent-decoded; {Rule}." },
        { "bucket_objects_list", $$"""{"bucket":"{{Granted}}","prefix":"../{{Other}}/"}""", $"The prefix '../{Other}/' has a '..' path segment; {Rule}." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/steal","entries":[{"s3_uri":"s3://{{Granted}}/../{{Other}}/secret.txt"}]}""", $"Invalid S3 URI 's3://{Granted}/../{Other}/secret.txt' in entries[0].s3_uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {UriHint}" },
        // Control characters, fragments, queries.
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/a%00b"}""", $"Invalid S3 URI 's3://{Granted}/a%00b' in s3_uri: it decodes to control characters. {UriHint}" },
        { "bucket_objects_put", $$"""{"bucket":"{{Granted}}","items":[{"key":"a\u0000b","text":"x"}]}""", "The key of items[0] 'a?b' contains control characters." },
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt#frag"}""", $"Invalid S3 URI 's3://{Granted}/data/readme.txt#frag' in s3_uri: it has a #fragment. {UriHint}" },
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt?acl="}""", $"Invalid S3 URI 's3://{Granted}/data/readme.txt?acl=' in s3_uri: only ?versionId=… is understood, not 'acl='. {UriHint}" },
        { "bucket_object_text", $$"""{"s3_uri":"https://{{Granted}}.s3.amazonaws.com/data/readme.txt"}""", $"Invalid S3 URI 'https://{Granted}.s3.amazonaws.com/data/readme.txt' in s3_uri: it must start with s3://. {UriHint}" },
        // Version ids: request splitting, query smuggling, two versions at once, forged listing markers, and a version
        // read by a token that may read objects but not their versions.
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","version_id":"v1\r\nx-amz-acl: public-read"}""", $"version_id 'v1??x-amz-acl: public-read' contains control characters; {VersionRule}." },
        { "bucket_object_link", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","version_id":"v1&X-Amz-Expires=604800"}""", $"version_id 'v1&X-Amz-Expires=604800' contains '&', which S3 version ids never do; {VersionRule}." },
        { "bucket_object_info", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt?versionId=v1%26acl"}""", $"Invalid S3 URI 's3://{Granted}/data/readme.txt?versionId=v1%26acl' in s3_uri: its versionId 'v1&acl' contains '&', which S3 version ids never do; {VersionRule}. {UriHint}" },
        { "bucket_object_fetch", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt?versionId=mine","version_id":"theirs"}""", "version_id 'theirs' differs from the versionId in s3_uri ('mine'); give the version once, as version_id or in the URI." },
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","version_id":"{{new string('v', 1025)}}"}""", $"version_id '{new string('v', 80)}…' is longer than 1024 characters; {VersionRule}." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/pinned","entries":[{"s3_uri":"s3://{{Granted}}/data/readme.txt?versionId=v%23x"}]}""", $"Invalid S3 URI 's3://{Granted}/data/readme.txt?versionId=v%23x' in entries[0].s3_uri: its versionId 'v#x' contains '#', which S3 version ids never do; {VersionRule}. {UriHint}" },
        { "bucket_objects_list", $$"""{"bucket":"{{Granted}}","versions":true,"continuation_token":"versions.WyJrIiwidjEmYWNsIl0"}""", "continuation_token is not a token returned by bucket_objects_list with versions=true." },
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","version_id":"AbC-123_xyz"}""", "Access denied: your token does not grant s3:GetObjectVersion." },
        { "bucket_objects_list", $$"""{"bucket":"{{Granted}}","versions":true}""", "Access denied: your token does not grant s3:ListBucketVersions." },
        // Package names, revisions, logical keys.
        { "package_browse", $$"""{"bucket":"{{Granted}}","package":"../x"}""", "package '../x' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/')." },
        { "package_browse", $$"""{"bucket":"{{Granted}}","package":"team/x/y"}""", "package 'team/x/y' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/')." },
        { "package_browse", $$"""{"bucket":"{{Granted}}","package":"team/x","hash_or_tag":"zz-not-a-hash"}""", "hash_or_tag 'zz-not-a-hash' is not 'latest', a revision time (Unix seconds) or a top hash (64 lowercase hex digits, or a prefix of at least 6)." },
        { "package_diff", $$"""{"bucket":"{{Granted}}","package_a":"team/x","hash_a":"latest","hash_b":"../../x"}""", "hash_b '../../x' is not 'latest', a revision time (Unix seconds) or a top hash (64 lowercase hex digits, or a prefix of at least 6)." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/x","entries":[{"s3_uri":"s3://{{Granted}}/data/readme.txt","logical_key":"../../escape.txt"}]}""", $"The logical key in entries[0].logical_key '../../escape.txt' has a '..' path segment; {Rule}." },
        { "package_delete", $$"""{"bucket":"{{Granted}}","package":"team/.."}""", "package 'team/..' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/')." },
        // Copy mode (copy: true): the sources are read and the registry written by S3 itself, so the same grants and
        // rules hold, and the copies' keys (<package>/<logical key>) must be keys S3 takes.
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/steal","entries":[{"s3_uri":"s3://{{Other}}/secret.txt"}],"copy":true}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/steal","entries":[{"s3_uri":"s3://{{Other}}/"}],"copy":true}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "package_create", $$"""{"bucket":"{{Other}}","package":"team/plant","entries":[{"s3_uri":"s3://{{Granted}}/data/readme.txt"}],"copy":true}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "package_update", $$"""{"bucket":"{{Granted}}","package":"team/x","entries":[{"s3_uri":"s3://{{Other}}/secret.txt"}],"copy":true}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/x","entries":[{"s3_uri":"s3://{{Granted}}/data/readme.txt","logical_key":"%2e%2e/escape.txt"}],"copy":true}""", $"The logical key in entries[0].logical_key '%2e%2e/escape.txt' has a '..' path segment once percent-decoded; {Rule}." },
        { "package_create", $$"""{"bucket":"{{Granted}}","package":"team/x","entries":[{"s3_uri":"s3://{{Granted}}/data/readme.txt","logical_key":"{{new string('k', 1020)}}"}],"copy":true}""",
            $"The copy of '{new string('k', 80)}…' would be stored at 'team/x/{new string('k', 73)}…', which is longer than 1024 UTF-8 bytes; shorten the logical key or copy: false." },
        // Limits.
        { "bucket_objects_list", $$"""{"bucket":"{{Granted}}","max_keys":100000}""", "max_keys must be between 1 and 1000, not 100000." },
        { "bucket_object_text", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","max_bytes":1073741824}""", "max_bytes must be between 1 and 4194304, not 1073741824." },
        { "bucket_object_link", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","expiration":0}""", "expiration must be between 1 and 604800 seconds (7 days), not 0." },
        { "bucket_object_link", $$"""{"s3_uri":"s3://{{Granted}}/data/readme.txt","expiration":604801}""", "expiration must be between 1 and 604800 seconds (7 days), not 604801." },
        { "bucket_objects_put", $$"""{"bucket":"{{Granted}}","items":[{"key":"a.txt","data":"not base64!"}]}""", "The data of item 0 ('a.txt') is not valid base64." },
        { "bucket_objects_put", $$"""{"bucket":"{{Granted}}","items":[{"key":"{{new string('k', 1025)}}","text":"x"}]}""", $"The key of items[0] '{new string('k', 80)}…' is longer than 1024 UTF-8 bytes." },
        // Catalog search: buckets not granted or not buckets at all, oversized or hostile text, forged cursors.
        { "search_catalog", $$"""{"buckets":["{{Other}}"]}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants. {SearchAdvice}" },
        { "search_catalog", $$"""{"query":"secret","buckets":["{{Granted}}","{{Other}}"],"result_type":"objects"}""", $"Access denied: bucket '{Other}' is not among the buckets your token grants. {SearchAdvice}" },
        { "search_catalog", """{"buckets":["granted-bucket/../other-bucket"]}""", "buckets[0] 'granted-bucket/../other-bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://)." },
        { "search_catalog", """{"buckets":["*"]}""", "buckets[0] '*' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://)." },
        { "search_catalog", $$"""{"query":"{{new string('q', 5000)}}"}""", "query is longer than 1000 characters (5000)." },
        { "search_catalog", """{"metadata":[{"path":"/a","text":"x\u0000"}]}""", "metadata[0].text contains control characters." },
        { "search_catalog", """{"cursor":"packages:1:x\") { __schema { types { name } } } #"}""", $"cursor is not a next_cursor of search_catalog (its catalog cursor has characters other than printable ASCII); {CursorAdvice}" },
        { "search_catalog", $$"""{"cursor":"objects:1:{{new string('A', 10000)}}"}""", $"cursor is not a next_cursor of search_catalog (its catalog cursor must be 1–4096 characters); {CursorAdvice}" },
        { "search_catalog", """{"cursor":"objects:1:abc","result_type":"packages"}""", "cursor continues a search of objects, but result_type is 'packages'; leave result_type out when passing a cursor." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_argument_is_refused_before_anything_is_spent(string tool, string arguments, string message)
    {
        var token = await Target.QuiltTokenAsync("arguments");

        var attack = await AttackAsync(Wire.ToolCall(token, tool, JsonNode.Parse(arguments)), token);

        AssertToolError(attack, message);
    }

    [Theory]
    [InlineData("bucket_object_text", """{"s3_uri":12}""")]
    [InlineData("bucket_object_text", """{"s3_uri":["s3://granted-bucket/data/readme.txt"]}""")]
    [InlineData("bucket_object_text", """{}""")]
    [InlineData("bucket_objects_put", """{"bucket":"granted-bucket","items":"a.txt"}""")]
    [InlineData("bucket_objects_list", """{"bucket":"granted-bucket","max_keys":"all"}""")]
    [InlineData("package_create", """{"bucket":"granted-bucket","package":"team/x","entries":[{"s3_uri":"s3://granted-bucket/data/readme.txt"}],"copy":"yes"}""")]
    [InlineData("package_update", """{"bucket":"granted-bucket","package":"team/x","message":"m","copy":1}""")]
    public async Task Hostile_argument_of_the_wrong_type_is_an_error_and_spends_nothing(string tool, string arguments)
    {
        var token = await Target.QuiltTokenAsync("types");

        var attack = await AttackAsync(Wire.ToolCall(token, tool, JsonNode.Parse(arguments)), token);

        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.True(attack.IsToolError || attack.Message.TryGetProperty("error", out _), attack.Body);
    }

    [Fact]
    public async Task Hostile_tool_outside_the_token_s_scopes_is_refused_before_it_runs()
    {
        var token = await Target.QuiltTokenAsync("no-scope", scope: "public:read");

        var attack = await AttackAsync(Wire.ToolCall(token, "bucket_object_text", new JsonObject { ["s3_uri"] = $"s3://{Granted}/data/readme.txt" }), token);

        AssertToolError(attack, "Access denied: tool 'bucket_object_text' requires scope 'quilt:read'.");
    }

    [Theory]
    [InlineData("admin_users_list", "{}")]
    [InlineData("admin_user_get", """{"name":"ana"}""")]
    [InlineData("admin_roles_list", "{}")]
    [InlineData("admin_policies_list", "{}")]
    public async Task Hostile_admin_view_without_the_admin_scope_is_refused_before_it_runs(string tool, string arguments)
    {
        var token = await Target.QuiltTokenAsync("no-admin-scope");

        var attack = await AttackAsync(Wire.ToolCall(token, tool, JsonNode.Parse(arguments)), token);

        AssertToolError(attack, $"Access denied: tool '{tool}' requires scope 'quilt:admin'.");
    }

    [Theory]
    [InlineData("../admin", "../admin")]
    [InlineData("ana\"){ me { name } }", "ana\"){ me { name } }")]
    [InlineData("ana\u0000", "ana?")]
    [InlineData("ana smith", "ana smith")]
    [InlineData("%61na", "%61na")]
    [InlineData("", "")]
    public async Task Hostile_user_name_is_refused_before_the_catalog_is_asked(string name, string shown)
    {
        var token = await Target.QuiltTokenAsync("admin-names", scope: "quilt:read quilt:admin");

        var attack = await AttackAsync(Wire.ToolCall(token, "admin_user_get", new JsonObject { ["name"] = name }), token);

        AssertToolError(attack, $"name '{shown}' is not a catalog user name (1–150 letters, digits and _ . @ + -); admin_users_list lists the users.");
    }

    [Fact]
    public async Task Hostile_unknown_tool_is_refused()
    {
        var token = await Target.QuiltTokenAsync("unknown-tool");

        var attack = await AttackAsync(Wire.ToolCall(token, "s3_delete_everything", new JsonObject()), token);

        AssertInvalidParams(attack, "Unknown tool: 's3_delete_everything'. tools/list names the tools this server offers you.");
        AssertLoggedOnceWithoutStack(attack);
    }

    [Theory]
    [InlineData("5", "a number (5)")]
    [InlineData("\"s3://granted-bucket/data/readme.txt\"", "a string (\"s3://granted-bucket/data/readme.txt\")")]
    [InlineData("[\"s3://granted-bucket/data/readme.txt\"]", "an array ([\"s3://granted-bucket/data/readme.txt\"])")]
    [InlineData("true", "true")]
    public async Task Hostile_arguments_that_are_not_an_object_are_invalid_params(string arguments, string came)
    {
        var token = await Target.QuiltTokenAsync("non-object-arguments");

        var attack = await AttackAsync(Wire.ToolCall(token, "bucket_object_text", JsonNode.Parse(arguments)), token);

        AssertInvalidParams(attack, "The 'arguments' of tools/call must be an object of the tool's arguments by name "
            + $"(for example {{\"s3_uri\": \"s3://bucket/key\"}}), not {came}.");
        AssertLoggedOnceWithoutStack(attack);
    }

    /// <summary>JSON-RPC -32602 with exactly this message, and no result.</summary>
    private static void AssertInvalidParams(Attack attack, string message)
    {
        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.False(attack.Message.TryGetProperty("result", out _), attack.Body);
        Assert.Equal(-32602, attack.Message.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(message, attack.Message.GetProperty("error").GetProperty("message").GetString());
    }

    /// <summary>One Information line for the refusal (its event), nothing louder, no stack trace.</summary>
    private static void AssertLoggedOnceWithoutStack(Attack attack)
    {
        Assert.Single(attack.Logged, line => line.StartsWith("Information QuiltMcp.ToolCalls[1501] Refused tools/call request", StringComparison.Ordinal));
        Assert.DoesNotContain(attack.Logged, line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal)
            || line.StartsWith("Critical", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_granted_read_through_the_same_target_reaches_s3()
    {
        var token = await Target.QuiltTokenAsync("reader");

        var attack = await SendAsync(Wire.ToolCall(token, "bucket_object_text", new JsonObject { ["s3_uri"] = $"s3://{Granted}/data/readme.txt" }));

        Assert.False(attack.IsToolError, attack.Body);
        Assert.Contains("hello", attack.ToolText, StringComparison.Ordinal);
        Assert.True(attack.After.S3Requests > attack.Before.S3Requests);
    }

    [Fact]
    public async Task A_granted_search_through_the_same_target_reaches_the_catalog_with_the_callers_token()
    {
        Target.Catalog.Answer("searchPackages", _ => new { __typename = "EmptySearchResultSet" });
        var token = await Target.QuiltTokenAsync("searcher");

        var attack = await SendAsync(Wire.ToolCall(token, "search_catalog", new JsonObject { ["buckets"] = new JsonArray(Granted) }));

        Assert.False(attack.IsToolError, attack.Body);
        Assert.Equal(attack.Before.CatalogQueries + 1, attack.After.CatalogQueries);
        Assert.Equal(token, Target.Catalog.Tokens[^1]);
        Assert.Equal($$"""{"size":20,"buckets":["{{Granted}}"],"latestOnly":true}""", Target.Catalog.Queries[^1].Variables);
    }
}
