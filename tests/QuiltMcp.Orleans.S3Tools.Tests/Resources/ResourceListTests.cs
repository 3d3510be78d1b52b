using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Resources;

/// <summary>
/// <c>resources/list</c>: auth://status, then the package summaries of each bucket the token names exactly, one bucket
/// per page and at most 100 packages a page, found from the registry's pointer keys by S3 listings alone; a bucket
/// matched only by a wildcard grant (list-*) names nothing to list.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class ResourceListTests(DataServer data)
{
    [Fact]
    public async Task Resources_page_through_the_package_summaries_of_each_granted_bucket()
    {
        const string many = "list-many-packages";
        const string one = "list-one-package";
        const string wildcardOnly = "list-wildcard-only";
        await data.S3.CreateBucketAsync(many);
        await data.S3.CreateBucketAsync(one);
        await data.S3.CreateBucketAsync(wildcardOnly);
        var names = Enumerable.Range(0, 120).Select(index => $"team/p{index:D3}").ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
        {
            // A revision pointer sorts before its latest pointer; only latest names a package.
            await data.S3.PutTextAsync(many, $".quilt/named_packages/{name}/1700000000", new string('a', 64));
            await data.S3.PutTextAsync(many, $".quilt/named_packages/{name}/latest", new string('a', 64));
        });
        await data.S3.PutTextAsync(many, ".quilt/named_packages/not a name/x/latest", "ignored");
        await data.S3.PutTextAsync(one, ".quilt/named_packages/solo/pkg/latest", new string('b', 64));
        await data.S3.PutTextAsync(wildcardOnly, ".quilt/named_packages/hidden/pkg/latest", new string('c', 64));
        // list-gone-bucket is granted but does not exist: its page has no packages (the skip is logged), the others still come.
        var token = Principals.Token("resource-lister", "quilt:read", [one, many, "list-gone-bucket", "list-*"], ["s3:GetObject", "s3:ListBucket"]);
        await using var client = await Mcp.ConnectAsync(data.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));

        // Buckets in name order: list-gone-bucket (empty), list-many-packages (two pages), list-one-package.
        var first = await client.ListResourcesAsync(new ListResourcesRequestParams());
        var second = await client.ListResourcesAsync(new ListResourcesRequestParams { Cursor = first.NextCursor });
        var secondRest = await client.ListResourcesAsync(new ListResourcesRequestParams { Cursor = second.NextCursor });
        var third = await client.ListResourcesAsync(new ListResourcesRequestParams { Cursor = secondRest.NextCursor });

        Assert.Equal(["auth://status"], first.Resources.Select(r => r.Uri).ToArray());
        Assert.Equal(names.Take(100).Select(name => $"quilt+s3://{many}#package={name}").ToArray(), second.Resources.Select(r => r.Uri).ToArray());
        Assert.Equal(names.Skip(100).Select(name => $"quilt+s3://{many}#package={name}").ToArray(), secondRest.Resources.Select(r => r.Uri).ToArray());
        Assert.Equal([$"quilt+s3://{one}#package=solo/pkg"], third.Resources.Select(r => r.Uri).ToArray());
        Assert.Null(third.NextCursor);
        var solo = Assert.Single(third.Resources);
        Assert.Equal("application/json", solo.MimeType);
        Assert.Equal($"Package solo/pkg in {one}", solo.Title);
        Assert.Equal(CacheScope.Private, first.CacheScope);

        // All the pages together are what the client's own paging collects.
        Assert.Equal(122, (await client.ListResourcesAsync()).Count);
    }

    [Fact]
    public async Task A_cursor_the_server_did_not_issue_to_this_caller_is_invalid_params()
    {
        const string bucket = "list-cursor-bucket";
        await data.S3.CreateBucketAsync(bucket);
        await using var client = await data.ConnectAsync("cursor-lister", "quilt:read", [bucket], Principals.ReadActions);
        var s3 = data.S3.Requests.Count;

        // Not base64url; another caller's bucket; this bucket, but a position outside the package registry.
        foreach (var cursor in new[] { "not a cursor", Cursor("v1\nsomeone-elses-bucket\n"), Cursor($"v1\n{bucket}\n../../x") })
        {
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.ListResourcesAsync(new ListResourcesRequestParams { Cursor = cursor }).AsTask());
            Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
            Assert.Equal("The cursor of resources/list is not one this server issued to you: pass back the previous page's nextCursor unchanged, "
                + "or no cursor for the first page.", ResourceReadTests.ServerMessage(refused));
        }

        Assert.Equal(s3, data.S3.Requests.Count);
    }

    private static string Cursor(string text) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text));
}
