using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>Refused calls change nothing and cost nothing: no STS call, no S3 request.</summary>
[Collection(DataServerCollection.Name)]
public sealed class RefusalTests(DataServer data)
{
    private const string Forbidden = "forbidden-bucket";

    public static TheoryData<string, object> BucketCalls() => new()
    {
        { "bucket_objects_list", new { bucket = Forbidden } },
        { "bucket_object_info", new { s3_uri = $"s3://{Forbidden}/k.txt" } },
        { "bucket_object_text", new { s3_uri = $"s3://{Forbidden}/k.txt" } },
        { "bucket_object_fetch", new { s3_uri = $"s3://{Forbidden}/k.txt" } },
        { "bucket_object_link", new { s3_uri = $"s3://{Forbidden}/k.txt" } },
        { "bucket_objects_put", new { bucket = Forbidden, items = new[] { new { key = "k", text = "x" } } } },
        { "package_list", new { bucket = Forbidden } },
        { "package_browse", new { bucket = Forbidden, package = "a/b" } },
        { "package_diff", new { bucket = Forbidden, package_a = "a/b" } },
        { "package_create", new { bucket = Forbidden, package = "a/b", entries = new[] { new { s3_uri = "s3://granted-bucket/k" } } } },
        { "package_create", new { bucket = "granted-bucket", package = "a/b", entries = new[] { new { s3_uri = $"s3://{Forbidden}/k" } } } },
        { "package_update", new { bucket = Forbidden, package = "a/b", message = "m" } },
        { "package_create", new { bucket = Forbidden, package = "a/b", entries = new[] { new { s3_uri = "s3://granted-bucket/k" } }, copy = true } },
        { "package_create", new { bucket = "granted-bucket", package = "a/b", entries = new[] { new { s3_uri = $"s3://{Forbidden}/" } }, copy = true } },
        { "package_update", new { bucket = "granted-bucket", package = "a/b", entries = new[] { new { s3_uri = $"s3://{Forbidden}/k" } }, copy = true } },
        { "package_delete", new { bucket = Forbidden, package = "a/b" } },
    };

    [Theory]
    [MemberData(nameof(BucketCalls))]
    public async Task A_bucket_the_token_does_not_grant_is_refused_before_any_aws_call(string tool, object arguments)
    {
        var subject = "refused-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await data.ConnectAsync(subject, "quilt:read quilt:write", ["granted-bucket"]);

        var error = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Contains($"Access denied: bucket '{Forbidden}' is not among the buckets your token grants", error);
        Assert.Empty(data.S3.RequestsFor(Forbidden));
        Assert.Empty(data.Sts.CallsFor(Principals.RoleArn("data-" + subject)));
    }

    [Fact]
    public async Task A_granted_bucket_without_the_s3_action_is_refused_before_any_aws_call()
    {
        const string bucket = "read-only-bucket";
        await using var client = await data.ConnectAsync("read-only", "quilt:read quilt:write", [bucket], Principals.ReadActions);

        var put = await ToolCall.ErrorAsync(client, "bucket_objects_put", new { bucket, items = new[] { new { key = "k", text = "x" } } });
        var delete = await ToolCall.ErrorAsync(client, "package_delete", new { bucket, package = "a/b" });

        // Copying into a registry needs s3:PutObject there too, checked before the source is even looked at.
        var copy = await ToolCall.ErrorAsync(client, "package_create", new { bucket, package = "a/b", entries = new[] { new { s3_uri = $"s3://{bucket}/k" } }, copy = true });

        Assert.Contains("does not grant s3:PutObject", put);
        Assert.Contains("does not grant s3:PutObject", copy);
        Assert.Contains("does not grant s3:", delete);
        Assert.Empty(data.S3.RequestsFor(bucket));
        Assert.Empty(data.Sts.CallsFor(Principals.RoleArn("data-read-only")));
    }

    [Fact]
    public async Task Write_tools_need_the_write_scope_and_are_hidden_without_it()
    {
        const string bucket = "scope-bucket";
        await using var client = await data.ConnectAsync("scoped-reader", "quilt:read", [bucket]);

        var tools = (await client.ListToolsAsync()).Select(tool => tool.Name).ToArray();
        Assert.Contains("package_browse", tools);
        Assert.DoesNotContain("bucket_objects_put", tools);
        Assert.DoesNotContain("package_create", tools);

        var error = await ToolCall.ErrorAsync(client, "bucket_objects_put", new { bucket, items = new[] { new { key = "k", text = "x" } } });
        Assert.Contains("requires scope 'quilt:write'", error);
        Assert.Empty(data.S3.RequestsFor(bucket));
    }
}
