using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// Arguments that do not fit a tool's schema get a tool error naming the argument, what was expected and what came,
/// before the tool runs: no STS call, no S3 request.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ArgumentSchemaTests(DataServer data)
{
    private const string Bucket = "schema-bucket";

    public static TheoryData<string, Dictionary<string, object?>, string> Misfits => new()
    {
        { "bucket_object_text", new(), "The argument 's3_uri' is required: a string (s3://bucket/key, optionally with ?versionId=…)." },
        { "bucket_object_text", new() { ["s3_uri"] = null }, "The argument 's3_uri' is required: a string (s3://bucket/key, optionally with ?versionId=…)." },
        { "bucket_object_text", new() { ["s3_uri"] = 42 }, "The argument 's3_uri' must be a string (s3://bucket/key, optionally with ?versionId=…), not an integer." },
        { "bucket_object_text", new() { ["s3_uri"] = $"s3://{Bucket}/k", ["max_bytes"] = "all" }, "The argument 'max_bytes' must be an integer (The most bytes to read, 1–4194304), not a string." },
        { "bucket_object_text", new() { ["s3_uri"] = $"s3://{Bucket}/k", ["max_bytes"] = 1.5 }, "The argument 'max_bytes' must be an integer (The most bytes to read, 1–4194304), not a number with a fraction." },
        { "bucket_objects_list", new() { ["bucket"] = new[] { Bucket } }, "The argument 'bucket' must be a string (The bucket name (no s3://)), not an array." },
        { "bucket_object_text", new() { ["s3_uri"] = $"s3://{Bucket}/k", ["version_id"] = 42 }, "The argument 'version_id' must be a string (An S3 version id: read that version instead of the current one (the same as ?versionId= in s3_uri). bucket_object_info shows an object's current version_id, bucket_objects_put the one it wrote), not an integer." },
        { "bucket_objects_list", new() { ["bucket"] = Bucket, ["versions"] = "yes" }, "The argument 'versions' must be true or false (List every version of each key (ListObjectVersions) instead of the current objects), not a string." },
        { "auth_status", new() { ["include_catalog"] = "yes" }, "The argument 'include_catalog' must be true or false (Also ask the Quilt catalog who the bearer is (its GraphQL 'me'). Without a configured catalog the status says so in catalog_note), not a string." },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public async Task A_misfit_argument_is_named_with_what_was_expected_and_costs_nothing(string tool, Dictionary<string, object?> arguments, string error)
    {
        await using var client = await data.ConnectAsync("schema-caller", "quilt:read", [Bucket], Principals.ReadActions);
        var sts = data.Sts.Calls.Count;
        var s3 = data.S3.Requests.Count;

        var refusal = await ToolCall.ErrorAsync(client, tool, arguments);

        Assert.Equal(error, refusal);
        Assert.Equal(sts, data.Sts.Calls.Count);
        Assert.Equal(s3, data.S3.Requests.Count);
    }

    /// <summary>
    /// The schema declares an optional argument with its one type (no null union, for clients that read one type only),
    /// and a null there is read as "absent": the tool runs with its default instead of failing to bind.
    /// </summary>
    [Fact]
    public async Task An_optional_argument_given_as_null_takes_its_default()
    {
        await data.S3.CreateBucketAsync(Bucket);
        await data.S3.PutTextAsync(Bucket, "nulls/a.txt", "a");
        await using var client = await data.ConnectAsync("schema-null", "quilt:read", [Bucket], Principals.ReadActions);

        var listed = await ToolCall.JsonAsync(client, "bucket_objects_list", new Dictionary<string, object?>
        {
            ["bucket"] = Bucket,
            ["prefix"] = "nulls/",
            ["max_keys"] = null,
            ["continuation_token"] = null,
            ["delimiter"] = null,
        });
        var text = await ToolCall.JsonAsync(client, "bucket_object_text", new Dictionary<string, object?>
        {
            ["s3_uri"] = $"s3://{Bucket}/nulls/a.txt",
            ["max_bytes"] = null,
        });

        Assert.Equal("nulls/a.txt", Assert.Single(listed.GetProperty("objects").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("a", text.GetProperty("text").GetString());
    }
}
