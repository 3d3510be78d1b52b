using System.Net;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// Resource URIs an attacker controls (every encoding of a dot segment or separator, other schemes, invalid and
/// look-alike buckets, control characters, over-long URIs, malformed quilt3 fragments) and reads outside the caller's
/// grants (no scope, another bucket, an ungranted role, no token), from a caller who may read and write
/// <c>granted-bucket</c> only: each is refused with its exact JSON-RPC error before any credential is requested, so
/// no STS call, no S3 request (nothing read, nothing written) and no catalog query.
/// </summary>
public sealed class ResourceInputTests(HostileTarget target) : CorpusTest(target)
{
    private const string Granted = HostileTarget.GrantedBucket;
    private const string Other = HostileTarget.OtherBucket;
    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";
    private const string S3Hint = "Expected s3://bucket/key, optionally with ?versionId=….";
    private const string QuiltHint = "Expected quilt+s3://bucket#package=namespace/name, optionally with @top_hash or :tag and &path=logical/key.";
    private const string Served = "This server serves s3://bucket/key (optionally ?versionId=…), "
        + "quilt+s3://bucket#package=namespace/name (optionally @top_hash or :tag, and &path=logical/key) and auth://status.";

    public static TheoryData<string, string> Cases() => new()
    {
        // Buckets the token does not grant, directly and through a package's registry.
        { $"s3://{Other}/secret.txt", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { $"s3://{Other}/secret.txt?versionId=1", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { $"quilt+s3://{Other}#package=team/x", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        { $"quilt+s3://{Other}#package=team/x&path=secret.txt", $"Access denied: bucket '{Other}' is not among the buckets your token grants." },
        // Dot segments in every encoding, in object keys and in package paths.
        { $"s3://{Granted}/../{Other}/secret.txt", $"Invalid S3 URI 's3://{Granted}/../{Other}/secret.txt' in uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {S3Hint}" },
        { $"s3://{Granted}/%2e%2e/{Other}/secret.txt", $"Invalid S3 URI 's3://{Granted}/%2e%2e/{Other}/secret.txt' in uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {S3Hint}" },
        { $"s3://{Granted}/..%2F{Other}%2Fsecret.txt", $"Invalid S3 URI 's3://{Granted}/..%2F{Other}%2Fsecret.txt' in uri: its key '../{Other}/secret.txt' has a '..' path segment; {Rule}. {S3Hint}" },
        { $"s3://{Granted}/%252e%252e/{Other}/secret.txt", $"Invalid S3 URI 's3://{Granted}/%252e%252e/{Other}/secret.txt' in uri: its key '%2e%2e/{Other}/secret.txt' has a '..' path segment once percent-decoded; {Rule}. {S3Hint}" },
        { $"s3://{Granted}/..\\{Other}\\secret.txt", $"Invalid S3 URI 's3://{Granted}/..\\{Other}\\secret.txt' in uri: its key '..\\{Other}\\secret.txt' has a '..' path segment; {Rule}. {S3Hint}" },
        { $"s3://{Granted}/\uFF0E\uFF0E/{Other}/x", $"Invalid S3 URI 's3://{Granted}/\uFF0E\uFF0E/{Other}/x' in uri: its key '\uFF0E\uFF0E/{Other}/x' has a '..' path segment once Unicode-normalized (NFKC); {Rule}. {S3Hint}" },
        { $"s3://{Granted}/..\uFF0F{Other}\uFF0Fx", $"Invalid S3 URI 's3://{Granted}/..\uFF0F{Other}\uFF0Fx' in uri: its key '..\uFF0F{Other}\uFF0Fx' has a '..' path segment once Unicode-normalized (NFKC); {Rule}. {S3Hint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=../../{Other}/secret.txt", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=../../{Other}/secret.txt': the path '../../{Other}/secret.txt' has a '..' path segment; {Rule}. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=%2e%2e%2F{Other}%2Fsecret.txt", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=%2e%2e%2F{Other}%2Fsecret.txt': the path '../{Other}/secret.txt' has a '..' path segment; {Rule}. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=%252e%252e/x", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=%252e%252e/x': the path '%2e%2e/x' has a '..' path segment once percent-decoded; {Rule}. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=a/\u2025/x", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=a/\u2025/x': the path 'a/\u2025/x' has a '..' path segment once Unicode-normalized (NFKC); {Rule}. {QuiltHint}" },
        // Other schemes and look-alike schemes.
        { "file:///etc/passwd", $"Unknown resource URI 'file:///etc/passwd'. {Served}" },
        { $"https://{Granted}.s3.amazonaws.com/data/readme.txt", $"Unknown resource URI 'https://{Granted}.s3.amazonaws.com/data/readme.txt'. {Served}" },
        { $"S3://{Granted}/data/readme.txt", $"Unknown resource URI 'S3://{Granted}/data/readme.txt'. {Served}" },
        { $"s3:/{Granted}/data/readme.txt", $"Unknown resource URI 's3:/{Granted}/data/readme.txt'. {Served}" },
        { $"quilt+https://{Granted}#package=team/x", $"Unknown resource URI 'quilt+https://{Granted}#package=team/x'. {Served}" },
        { "auth://status/../../etc", $"Unknown resource URI 'auth://status/../../etc'. {Served}" },
        { "", $"The resource URI is empty. {Served}" },
        // Bucket names that are not bucket names.
        { $"s3://Granted-Bucket/data/readme.txt", $"Invalid S3 URI 's3://Granted-Bucket/data/readme.txt' in uri: 'Granted-Bucket' is not a valid bucket name. {S3Hint}" },
        { "s3://gr\u0430nted-bucket/data/readme.txt", $"Invalid S3 URI 's3://gr\u0430nted-bucket/data/readme.txt' in uri: 'gr\u0430nted-bucket' is not a valid bucket name. {S3Hint}" },
        { $"s3://{Granted}%2F..%2F{Other}/secret.txt", $"Invalid S3 URI 's3://{Granted}%2F..%2F{Other}/secret.txt' in uri: '{Granted}%2F..%2F{Other}' is not a valid bucket name. {S3Hint}" },
        { $"quilt+s3://{Granted}/..#package=team/x", $"Invalid Quilt URI 'quilt+s3://{Granted}/..#package=team/x': '{Granted}/..' is not a valid bucket name (the bucket is followed directly by #package=…). {QuiltHint}" },
        { "quilt+s3://*#package=team/x", $"Invalid Quilt URI 'quilt+s3://*#package=team/x': '*' is not a valid bucket name (the bucket is followed directly by #package=…). {QuiltHint}" },
        // Control characters, raw and encoded.
        { $"s3://{Granted}/a%00b", $"Invalid S3 URI 's3://{Granted}/a%00b' in uri: it decodes to control characters. {S3Hint}" },
        { $"s3://{Granted}/data/readme.txt\r\nX-Injected: 1", $"Invalid S3 URI 's3://{Granted}/data/readme.txt??X-Injected: 1' in uri: it contains control characters. {S3Hint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=a%0Ab", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=a%0Ab': its path decodes to control characters. {QuiltHint}" },
        // Queries and fragments the URI forms do not have.
        { $"s3://{Granted}/data/readme.txt?acl=", $"Invalid S3 URI 's3://{Granted}/data/readme.txt?acl=' in uri: only ?versionId=… is understood, not 'acl='. {S3Hint}" },
        { $"s3://{Granted}/data/readme.txt?versionId=a&versionId=b", $"Invalid S3 URI 's3://{Granted}/data/readme.txt?versionId=a&versionId=b' in uri: versionId is given twice. {S3Hint}" },
        { $"s3://{Granted}/data/readme.txt#x", $"Invalid S3 URI 's3://{Granted}/data/readme.txt#x' in uri: it has a #fragment. {S3Hint}" },
        { $"s3://{Granted}/data/", $"Invalid S3 URI 's3://{Granted}/data/' in uri: it names a bucket or prefix, not an object. {S3Hint}" },
        // quilt3 fragments that are not quilt3's.
        { $"quilt+s3://{Granted}", $"Invalid Quilt URI 'quilt+s3://{Granted}': it has no #package=… fragment. {QuiltHint}" },
        { $"quilt+s3://{Granted}#path=data/readme.txt", $"Invalid Quilt URI 'quilt+s3://{Granted}#path=data/readme.txt': its fragment has no package=…. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=../x", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=../x': '../x' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/'). {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team%2F..%2Fx", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team%2F..%2Fx': 'team/../x' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/'). {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x@../../y", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x@../../y': '@../../y' is not a top hash (64 lowercase hex digits, or a prefix of at least 6). {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x@abcdef:latest", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x@abcdef:latest': its package has both @top_hash and :tag; give one. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x:../../y", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x:../../y': ':../../y' is not a tag ('latest' or a revision time in Unix seconds); a top hash goes after '@'. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x@123456", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x@123456': '@123456' has only digits, which reads as a revision time; give more digits of the top hash. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&package=team/y", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&package=team/y': package is given twice. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&versionId=1", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&versionId=1': its fragment has 'versionId'; only package, path and catalog are understood. {QuiltHint}" },
        { $"quilt+s3://{Granted}#package=team/x&path=a//b", $"Invalid Quilt URI 'quilt+s3://{Granted}#package=team/x&path=a//b': the path 'a//b' has an empty path segment (a leading, trailing or doubled '/'), which quilt3 does not allow. {QuiltHint}" },
        // Over-long.
        { $"s3://{Granted}/{new string('k', 1025)}", $"Invalid S3 URI 's3://{Granted}/{new string('k', 60)}…' in uri: its key '{new string('k', 80)}…' is longer than 1024 UTF-8 bytes. {S3Hint}" },
        { $"s3://{Granted}/{new string('k', 5000)}", $"The resource URI 's3://{Granted}/{new string('k', 60)}…' is longer than 4096 characters. {Served}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_resource_uri_is_refused_before_anything_is_spent(string uri, string message)
    {
        var token = await Target.QuiltTokenAsync("resource-uris");

        var attack = await AttackAsync(ResourceWire.Read(token, uri), token);

        AssertInvalidParams(attack, message);
    }

    [Theory]
    [InlineData($"s3://{Granted}/data/readme.txt", "bucket_object_fetch")]
    [InlineData($"quilt+s3://{Granted}#package=team/x", "package_browse")]
    [InlineData($"quilt+s3://{Granted}#package=team/x&path=a.txt", "package_browse")]
    public async Task Hostile_read_without_the_read_scope_is_refused(string uri, string tool)
    {
        var token = await Target.QuiltTokenAsync("resource-no-scope", scope: "public:read");

        var attack = await AttackAsync(ResourceWire.Read(token, uri), token);

        AssertInvalidParams(attack, $"Access denied: the resource '{uri}' is read as {tool} reads it, and tool '{tool}' requires scope 'quilt:read'.");
    }

    [Fact]
    public async Task Hostile_read_without_the_s3_action_is_refused()
    {
        var token = await Target.QuiltTokenAsync("resource-no-action", change: payload => payload["permissions"] = new JsonArray("s3:PutObject"));

        var attack = await AttackAsync(ResourceWire.Read(token, $"s3://{Granted}/data/readme.txt"), token);

        AssertInvalidParams(attack, "Access denied: your token does not grant s3:GetObject.");
    }

    [Fact]
    public async Task Hostile_read_in_an_ungranted_role_is_forbidden()
    {
        var token = await Target.QuiltTokenAsync("resource-role-climber");
        var request = ResourceWire.Read(token, $"s3://{Granted}/data/readme.txt");
        request.Headers.TryAddWithoutValidation("X-Quilt-User-Role", "admin");

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.Forbidden, attack.Status);
        Assert.Contains("role 'arn:aws:iam::123456789012:role/admin' is not granted by the caller's token", attack.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_read_without_a_token_is_challenged()
    {
        AssertUnauthorized(await AttackAsync(ResourceWire.Read(null, $"s3://{Other}/secret.txt")), reason: null);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("djEKb3RoZXItYnVja2V0Cg")]
    [InlineData("djEKZ3JhbnRlZC1idWNrZXQKLi4vLi4veA")]
    public async Task Hostile_list_cursor_is_refused_before_anything_is_spent(string cursor)
    {
        var token = await Target.QuiltTokenAsync("resource-cursor");

        var attack = await AttackAsync(ResourceWire.List(token, cursor), token);

        AssertInvalidParams(attack, "The cursor of resources/list is not one this server issued to you: pass back the previous page's nextCursor "
            + "unchanged, or no cursor for the first page.");
    }

    [Fact]
    public async Task Hostile_caller_without_the_read_scope_sees_no_templates_and_only_its_status()
    {
        var token = await Target.QuiltTokenAsync("resource-lists", scope: "public:read");

        var templates = await AttackAsync(ResourceWire.Templates(token), token);
        var resources = await AttackAsync(ResourceWire.List(token), token);

        Assert.Equal(0, templates.Message.GetProperty("result").GetProperty("resourceTemplates").GetArrayLength());
        Assert.Equal("auth://status", Assert.Single(resources.Message.GetProperty("result").GetProperty("resources").EnumerateArray()).GetProperty("uri").GetString());
    }

    [Fact]
    public async Task A_granted_resource_read_through_the_same_target_reaches_s3()
    {
        var token = await Target.QuiltTokenAsync("resource-reader");

        var read = await SendAsync(ResourceWire.Read(token, $"s3://{Granted}/data/readme.txt"));

        Assert.Equal("hello", read.Message.GetProperty("result").GetProperty("contents")[0].GetProperty("text").GetString());
        Assert.True(read.After.S3Requests > read.Before.S3Requests);
    }

    [Theory]
    [InlineData("""{"uri":5}""")]
    [InlineData("""{"uri":null}""")]
    [InlineData("""{"uri":["s3://granted-bucket/data/readme.txt"]}""")]
    [InlineData("""{}""")]
    [InlineData("""["s3://granted-bucket/data/readme.txt"]""")]
    [InlineData("""null""")]
    public async Task Hostile_read_params_that_are_not_an_object_with_a_string_uri_are_invalid_params(string parameters)
    {
        // In a session (2025-11-25): the stateless revision wants its metadata inside params, so it refuses these itself.
        var token = await Target.QuiltTokenAsync("resource-params");
        var session = await OpenSessionAsync(token);

        var attack = await AttackAsync(Wire.InSession(token, session, $$"""{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{{parameters}}}"""), token);

        AssertInvalidParams(attack, $"The params of resources/read must be an object with the resource's 'uri', a string. {Served}");
    }

    private async Task<string> OpenSessionAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = Target.BaseUri };
        using var request = Wire.Initialize(token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = Wire.InSession(token, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        using var ack = await http.SendAsync(initialized);
        Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        return session;
    }

    /// <summary>JSON-RPC -32602 with exactly this message and no result, logged at Information only, without a stack trace.</summary>
    private static void AssertInvalidParams(Attack attack, string message)
    {
        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.False(attack.Message.TryGetProperty("result", out _), attack.Body);
        Assert.Equal(-32602, attack.Message.GetProperty("error").GetProperty("code").GetInt32());
        var actual = attack.Message.GetProperty("error").GetProperty("message").GetString();
        Assert.True(message == actual, $"expected: {message}\nactual:   {actual}");
        Assert.DoesNotContain(attack.Logged, line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal)
            || line.StartsWith("Critical", StringComparison.Ordinal) || line.Contains("stack trace", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
    }
}
