using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Kit;

/// <summary>
/// The test kit's S3 side, which the per-principal signing checks rely on: the proxy in front of s3rver records who
/// signed each request, in the header form and in a presigned URL's query, and passes requests and answers through
/// unchanged; s3rver refuses a key nobody registered, as S3 refuses a key STS never issued.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class S3RecordingProxyTests(DataServer data)
{

    [Fact]
    public async Task The_proxy_records_the_key_and_session_token_of_signed_and_presigned_requests_and_forwards_them_unchanged()
    {
        const string Bucket = "kit-proxy";
        await data.S3.CreateBucketAsync(Bucket);
        var keyId = "ASIAKITPROXY" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await data.S3.AcceptCredentialsAsync(keyId, "kit-proxy-secret");
        using var client = Client(new SessionAWSCredentials(keyId, "kit-proxy-secret", "kit-proxy-session-token"));
        var before = data.S3.Requests.Count;

        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = "dir/a b+c.txt",
            ContentBody = "through the proxy",
            UseChunkEncoding = false,
        });
        using (var read = await client.GetObjectAsync(Bucket, "dir/a b+c.txt"))
        using (var body = new StreamReader(read.ResponseStream))
        {
            Assert.Equal("through the proxy", await body.ReadToEndAsync());
        }

        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = "dir/a b+c.txt",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Protocol.HTTP,
        });
        using var http = new HttpClient();
        Assert.Equal("through the proxy", await http.GetStringAsync(url));

        var recorded = data.S3.Requests.Skip(before).ToArray();
        Assert.Equal(["PUT", "GET", "GET"], recorded.Select(request => request.Method));
        Assert.All(recorded, request =>
        {
            Assert.Equal((Bucket, "dir/a b+c.txt"), (request.Bucket, request.Key));
            Assert.Equal((keyId, "kit-proxy-session-token"), (request.AccessKeyId, request.SessionToken));
        });
        Assert.Contains("X-Amz-Credential=", recorded[2].Target, StringComparison.Ordinal);
        Assert.Equal("through the proxy"u8.ToArray(), await data.S3.GetAsync(Bucket, "dir/a b+c.txt"));
    }

    [Fact]
    public async Task S3rver_refuses_a_key_nobody_registered_and_the_proxy_still_records_the_attempt()
    {
        const string Bucket = "kit-unknown-key";
        await data.S3.CreateBucketAsync(Bucket);
        var keyId = "ASIAKITUNKNOWN" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var client = Client(new SessionAWSCredentials(keyId, "never-registered", "some-token"));

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket }));

        Assert.Equal("InvalidAccessKeyId", refused.ErrorCode);
        var attempt = Assert.Single(data.S3.Requests, request => request.AccessKeyId == keyId);
        Assert.Equal(("GET", Bucket, "some-token"), (attempt.Method, attempt.Bucket, attempt.SessionToken));
    }

    private AmazonS3Client Client(AWSCredentials credentials) => new(credentials, new AmazonS3Config
    {
        ServiceURL = data.S3.ServiceUrl,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
    });
}
