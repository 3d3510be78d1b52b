using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

[Collection(DataServerCollection.Name)]
public sealed class ConcurrencyTests(DataServer data)
{
    private const int PrincipalCount = 100;
    private static readonly string[] Tenants = ["tenant-a", "tenant-b", "tenant-c", "tenant-d"];

    [Fact]
    public async Task A_hundred_principals_with_their_own_roles_see_only_their_own_buckets_and_s3_sees_each_sign_with_its_role_s_credentials()
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

        // Every principal acted through its own role, assumed once for its grain; and S3 saw each principal's requests
        // signed with exactly what STS issued for that role, its access key and its session token, on its own bucket only.
        var issued = outcomes.ToDictionary(outcome => outcome.Subject, outcome => IssuedCredentials.For(Principals.RoleArn("data-" + outcome.Subject), issue: 1));
        Assert.All(outcomes, outcome =>
        {
            var credentials = issued[outcome.Subject];
            Assert.Single(data.Sts.CallsFor(credentials.RoleArn));
            Assert.Equal([credentials], data.Sts.IssuedFor(credentials.RoleArn));
            var signed = data.S3.Requests.Where(request => request.AccessKeyId == credentials.AccessKeyId).ToArray();
            Assert.Contains(signed, request => request is { Method: "GET", Key: "" } && request.Target.Contains("list-type=2", StringComparison.Ordinal));
            Assert.Contains(signed, request => request.Method == "GET" && request.Key == $"{outcome.Own}-only.txt");
            Assert.All(signed, request =>
            {
                Assert.Equal(outcome.Own, request.Bucket);
                Assert.Equal(credentials.SessionToken, request.SessionToken);
            });
        });

        // Nothing else reached the tenants' buckets: each request there carried one principal's key with that key's token.
        var tokens = issued.Values.ToDictionary(credentials => credentials.AccessKeyId, credentials => credentials.SessionToken);
        var tenantRequests = data.S3.Requests.Where(request => Tenants.Contains(request.Bucket)).ToArray();
        Assert.NotEmpty(tenantRequests);
        Assert.All(tenantRequests, request =>
        {
            Assert.True(tokens.TryGetValue(request.AccessKeyId ?? "", out var token), $"{request.Method} {request.Target} was signed with {request.AccessKeyId ?? "no key"}");
            Assert.Equal(token, request.SessionToken);
        });
    }
}
