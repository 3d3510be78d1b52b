using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// A development server with <c>Development:LocalS3</c> on the collection's s3rver: every caller signs with s3rver's
/// fixed keys, no role is needed and STS (the collection's fake, which would count any call) is never asked; scopes,
/// bucket grants and S3 permissions are checked exactly as without it.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class LocalS3ModeTests(DataServer data)
{
    private static readonly string[] ReadWrite = ["s3:GetObject", "s3:ListBucket", "s3:PutObject"];

    [Fact]
    public async Task Bucket_and_package_tools_work_with_a_token_that_names_no_role_and_cost_no_sts_call()
    {
        const string bucket = "local-mode";
        await data.S3.CreateBucketAsync(bucket);
        await using var server = await StartAsync();
        var stsCalls = data.Sts.Calls.Count;
        await using var client = await ConnectAsync(server, TestTokens.Issue("local-dev", "quilt:read quilt:write", [bucket], permissions: ReadWrite));

        var put = await ToolCall.JsonAsync(client, "bucket_objects_put", new { bucket, items = new[] { new { key = "hello/readme.md", text = "# hi" } } });
        var listed = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket, prefix = "hello/" });
        var created = await ToolCall.JsonAsync(client, "package_create", new
        {
            bucket,
            package = "local/hello",
            entries = new[] { new { s3_uri = $"s3://{bucket}/hello/" } },
        });
        var tree = await ToolCall.JsonAsync(client, "package_browse", new { bucket, package = "local/hello" });
        var identity = await ToolCall.JsonAsync(client, "aws_identity", new { });

        Assert.Equal(1, put.GetProperty("written").GetInt32());
        Assert.Equal("hello/readme.md", Assert.Single(listed.GetProperty("objects").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(created.GetProperty("top_hash").GetString(), tree.GetProperty("top_hash").GetString());
        Assert.Equal("readme.md", Assert.Single(tree.GetProperty("entries").EnumerateArray()).GetProperty("logical_key").GetString());
        Assert.Equal("local-development", identity.GetProperty("source").GetString());
        Assert.False(identity.TryGetProperty("role_arn", out var role) && role.ValueKind != System.Text.Json.JsonValueKind.Null);

        var requests = data.S3.RequestsFor(bucket);
        Assert.NotEmpty(requests);
        Assert.All(requests, request => Assert.Equal((S3rverServer.AccessKey, (string?)null), (request.AccessKeyId, request.SessionToken)));
        Assert.Equal(stsCalls, data.Sts.Calls.Count);
    }

    [Fact]
    public async Task Grants_and_permissions_still_refuse_before_any_request_and_a_role_in_the_token_is_not_assumed()
    {
        const string granted = "local-granted";
        const string other = "local-not-granted";
        await data.S3.CreateBucketAsync(granted);
        await data.S3.CreateBucketAsync(other);
        await data.S3.PutTextAsync(granted, "k.txt", "granted");
        await using var server = await StartAsync();
        var stsCalls = data.Sts.Calls.Count;
        var token = TestTokens.Issue("local-reader", "quilt:read quilt:write", [granted], roles: ["Reader"], permissions: Principals.ReadActions);
        await using var client = await ConnectAsync(server, token);

        var put = await ToolCall.ErrorAsync(client, "bucket_objects_put", new { bucket = granted, items = new[] { new { key = "new.txt", text = "x" } } });
        var foreign = await ToolCall.ErrorAsync(client, "bucket_objects_list", new { bucket = other });
        var readsAfterRefusals = data.S3.RequestsFor(granted).Count;
        var listed = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket = granted });
        var status = await ToolCall.JsonAsync(client, "auth_status", new { });

        Assert.Contains("Access denied: your token does not grant s3:PutObject", put);
        Assert.Contains($"Access denied: bucket '{other}' is not among the buckets your token grants", foreign);
        Assert.Equal(0, readsAfterRefusals);
        Assert.Empty(data.S3.RequestsFor(other));
        Assert.False(await data.S3.ExistsAsync(granted, "new.txt"));
        Assert.Equal("k.txt", Assert.Single(listed.GetProperty("objects").EnumerateArray()).GetProperty("key").GetString());
        Assert.All(data.S3.RequestsFor(granted), request => Assert.Equal(S3rverServer.AccessKey, request.AccessKeyId));
        // The token names a role, but none is used, so none is shown.
        Assert.False(status.TryGetProperty("role_arn", out var role) && role.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal(stsCalls, data.Sts.Calls.Count);
    }

    [Fact]
    public async Task Anonymous_callers_reach_only_the_identity_tools_and_get_no_aws_access()
    {
        const string bucket = "local-anonymous";
        await data.S3.CreateBucketAsync(bucket);
        await using var server = await StartAsync();
        await using var client = await Mcp.ConnectAsync(server.McpUri, Mcp.SessionProtocol);

        var tools = (await client.ListToolsAsync()).Select(tool => tool.Name).Order(StringComparer.Ordinal).ToArray();
        var identity = await ToolCall.ErrorAsync(client, "aws_identity", new { });
        var list = await ToolCall.ErrorAsync(client, "bucket_objects_list", new { bucket });

        Assert.Equal(["auth_status", "aws_identity", "get_user_info"], tools);
        Assert.Contains("AWS access needs an authenticated caller (NotAuthenticated)", identity);
        Assert.Contains("Access denied: tool 'bucket_objects_list' requires scope 'quilt:read'", list);
        Assert.Empty(data.S3.RequestsFor(bucket));
    }

    private Task<InProcessServer> StartAsync() =>
        InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Development:LocalS3"] = data.S3.ServiceUrl,
            ["Auth:AllowAnonymous"] = "true",
            // Were any role assumed, it would go to the collection's STS fake and be counted.
            ["Aws:StsServiceUrl"] = data.Sts.Url.ToString(),
            ["Aws:Region"] = "us-east-1",
            ["Roles:AccountId"] = Principals.AccountId,
            ["Telemetry:EmbeddedMetrics"] = "false",
        }, args: ["--environment=Development"]);

    private static Task<ModelContextProtocol.Client.McpClient> ConnectAsync(InProcessServer server, string token) =>
        Mcp.ConnectAsync(server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
}
