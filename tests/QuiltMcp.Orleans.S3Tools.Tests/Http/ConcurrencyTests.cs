using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

[Collection(DataServerCollection.Name)]
public sealed class ConcurrencyTests(DataServer data)
{
    private const int PrincipalCount = 100;
    private static readonly string[] Tenants = ["tenant-a", "tenant-b", "tenant-c", "tenant-d"];

    [Fact]
    public async Task A_hundred_principals_with_their_own_roles_see_only_their_own_buckets()
    {
        foreach (var tenant in Tenants)
        {
            await data.S3.CreateBucketAsync(tenant);
            await data.S3.PutTextAsync(tenant, $"{tenant}-only.txt", $"secret of {tenant}");
        }

        var run = Guid.NewGuid().ToString("N")[..6];
        var outcomes = await Task.WhenAll(Enumerable.Range(0, PrincipalCount).Select(async index =>
        {
            var own = Tenants[index % Tenants.Length];
            var other = Tenants[(index + 1) % Tenants.Length];
            var subject = $"user-{run}-{index}";
            await using var client = await data.ConnectAsync(subject, "quilt:read", [own], Principals.ReadActions);

            var listing = await ToolCall.JsonAsync(client, "bucket_objects_list", new { bucket = own });
            var text = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{own}/{own}-only.txt" });
            var refused = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{other}/{other}-only.txt" });
            var keys = listing.GetProperty("objects").EnumerateArray().Select(item => item.GetProperty("key").GetString()!).ToArray();
            return (Subject: subject, Own: own, Keys: keys, Text: text.GetProperty("text").GetString(), Refused: refused);
        }));

        Assert.All(outcomes, outcome =>
        {
            Assert.Equal([$"{outcome.Own}-only.txt"], outcome.Keys);
            Assert.Equal($"secret of {outcome.Own}", outcome.Text);
            Assert.Contains("Access denied", outcome.Refused);
        });

        // Every principal acted through its own role, assumed once for its grain.
        var roles = data.Sts.AssumedRoles.Where(role => role.Contains($"data-user-{run}-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(PrincipalCount, roles.Length);
        Assert.Equal(PrincipalCount, roles.Distinct().Count());
    }
}
