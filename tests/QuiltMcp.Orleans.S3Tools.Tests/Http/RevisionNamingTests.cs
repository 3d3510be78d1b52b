using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>Revisions are named by their Unix second; two within one second must both keep a name.</summary>
[Collection(DataServerCollection.Name)]
public sealed class RevisionNamingTests(DataServer data)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task A_second_revision_within_the_same_second_takes_the_next_free_second()
    {
        const string bucket = "same-second";
        await data.S3.CreateBucketAsync(bucket);
        var registry = new PackageRegistry(new FakeTimeProvider(Now));

        var first = await registry.PublishAsync(data.S3.Client, bucket, "team/fast", Manifest("one"), CancellationToken.None);
        var second = await registry.PublishAsync(data.S3.Client, bucket, "team/fast", Manifest("two"), CancellationToken.None);
        var third = await registry.PublishAsync(data.S3.Client, bucket, "team/fast", Manifest("three"), CancellationToken.None);

        Assert.Equal(["1800000000", "1800000001", "1800000002"], new[] { first.Revision, second.Revision, third.Revision });
        Assert.Equal(first.TopHash, await PointerAsync(bucket, "1800000000"));
        Assert.Equal(second.TopHash, await PointerAsync(bucket, "1800000001"));
        Assert.Equal(third.TopHash, await PointerAsync(bucket, "latest"));
    }

    [Fact]
    public async Task Publishing_the_same_revision_again_in_its_second_keeps_its_name()
    {
        const string bucket = "same-revision";
        await data.S3.CreateBucketAsync(bucket);
        var registry = new PackageRegistry(new FakeTimeProvider(Now));

        var first = await registry.PublishAsync(data.S3.Client, bucket, "team/again", Manifest("same"), CancellationToken.None);
        var again = await registry.PublishAsync(data.S3.Client, bucket, "team/again", Manifest("same"), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal([".quilt/named_packages/team/again/1800000000", ".quilt/named_packages/team/again/latest"],
            await data.S3.KeysAsync(bucket, ".quilt/named_packages/team/again/"));
    }

    private async Task<string> PointerAsync(string bucket, string name) =>
        System.Text.Encoding.UTF8.GetString(await data.S3.GetAsync(bucket, $".quilt/named_packages/team/fast/{name}"));

    private static PackageManifest Manifest(string message) =>
        new(JsonDocument.Parse($$"""{"version":"v0","message":"{{message}}"}""").RootElement.Clone(), [], []);
}
