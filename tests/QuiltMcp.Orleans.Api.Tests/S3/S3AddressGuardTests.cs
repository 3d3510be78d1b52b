using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// The S3 access layer's own defence, proven without the argument checks in front of it: requests are built
/// directly on the client (or URLs handed to the guard), with keys no tool would accept.
/// </summary>
public sealed class S3AddressGuardTests
{
    private const string Granted = "bar-bucket";

    private const string Endpoint = "http://127.0.0.1:9000";

    private static readonly S3AddressGuard Guard = new(S3ClientScope.ForBuckets([Granted]));

    [Theory]
    [InlineData("http://127.0.0.1:9000/bar-bucket/a/b.txt", "a/b.txt", true, Endpoint)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/dir/a%20b%2Bc.txt", "dir/a b+c.txt", true, Endpoint)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/", "", true, Endpoint)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/a/b?versionId=..%2F..%2Fx&X-Amz-Signature=abc", "a/b", true, Endpoint)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/a//b", "a//b", true, Endpoint)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/%25zz", "%zz", true, Endpoint)]
    [InlineData("https://bar-bucket.s3.us-east-1.amazonaws.com/a/b.txt", "a/b.txt", false, null)]
    [InlineData("https://bar-bucket.s3.us-east-1.amazonaws.com/", "", false, null)]
    [InlineData("https://s3.us-east-1.amazonaws.com/bar-bucket/a", "a", false, null)]
    [InlineData("http://localhost:9/base/bar-bucket/a/b", "a/b", true, "http://localhost:9/base")]
    [InlineData("http://localhost:9/base//bar-bucket/a/b", "a/b", true, "http://localhost:9/base/")]
    [InlineData("http://bar-bucket.localhost:9/base//a/b", "/a/b", false, "http://localhost:9/base/")]
    public void Requests_for_the_granted_bucket_and_their_own_key_pass(string url, string key, bool pathStyle, string? serviceUrl)
    {
        Guard.Ensure(url, Granted, key, pathStyle, serviceUrl);
    }

    public static TheoryData<string, string, bool, string> Escapes() => new()
    {
        // What s3rver and other path-style servers resolve into another bucket.
        { "http://127.0.0.1:9000/bar-bucket/../other-bucket/x", "../other-bucket/x", true,
            "its path '/bar-bucket/../other-bucket/x' has a '..' path segment; a path-style server would read it as '/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/a/../../other-bucket/x", "a/../../other-bucket/x", true,
            "its path '/bar-bucket/a/../../other-bucket/x' has a '..' path segment; a path-style server would read it as '/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/%2e%2e/other-bucket/x", "../other-bucket/x", true,
            "its path '/bar-bucket/%2e%2e/other-bucket/x' has a '..' path segment once percent-decoded; a path-style server would read it as '/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/..%2Fother-bucket%2Fx", "../other-bucket/x", true,
            "its path '/bar-bucket/..%2Fother-bucket%2Fx' has a '..' path segment once percent-decoded; a path-style server would read it as '/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/%252e%252e/other-bucket/x", "%252e%252e/other-bucket/x", true,
            "its path '/bar-bucket/%252e%252e/other-bucket/x' has a '..' path segment after 2 rounds of percent-decoding; a path-style server would read it as '/bar-bucket/%2e%2e/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/..%5Cother-bucket%5Cx", "..\\other-bucket\\x", true,
            "its path '/bar-bucket/..%5Cother-bucket%5Cx' has a '..' path segment once percent-decoded; a path-style server would read it as '/bar-bucket/..\\other-bucket\\x'" },
        { "http://127.0.0.1:9000/bar-bucket/%c0%ae%c0%ae/other-bucket/x", "x", true,
            "its path '/bar-bucket/%c0%ae%c0%ae/other-bucket/x' has a '..' path segment once percent-decoded; a path-style server would read it as '/bar-bucket/%c0%ae%c0%ae/other-bucket/x'" },
        { "http://127.0.0.1:9000/bar-bucket/%EF%BC%8E%EF%BC%8E/other-bucket/x", "x", true,
            "its path '/bar-bucket/%EF%BC%8E%EF%BC%8E/other-bucket/x' has a '..' path segment once Unicode-normalized (NFKC), once percent-decoded; a path-style server would read it as '/bar-bucket/\uFF0E\uFF0E/other-bucket/x'" },
        // Virtual-hosted: the path is all key, and a dot segment still climbs out of it on a resolving proxy.
        { "https://bar-bucket.s3.us-east-1.amazonaws.com/../x", "../x", false,
            "its path '/../x' has a '..' path segment; a path-style server would read it as '/x'" },
        // No dot segment, but the URL is simply somewhere else.
        { "http://127.0.0.1:9000/other-bucket/x", "x", true, "it addresses bucket 'other-bucket' instead of 'bar-bucket'" },
        { "https://other-bucket.s3.us-east-1.amazonaws.com/bar-bucket/x", "x", false,
            "it goes to host 'other-bucket.s3.us-east-1.amazonaws.com', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        { "http://127.0.0.2:9000/bar-bucket/x", "x", true,
            "it goes to host '127.0.0.2', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        { "http://127.0.0.1:9000/bar-bucket/y", "x", true, "it addresses key 'y' instead of 'x'" },
        { "http://127.0.0.1:9000/elsewhere/bar-bucket/x", "x", true, "it addresses bucket 'elsewhere' instead of 'bar-bucket'" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Urls_that_reach_another_bucket_or_key_are_refused(string url, string key, bool pathStyle, string reason)
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() => Guard.Ensure(url, Granted, key, pathStyle, pathStyle ? Endpoint : null));

        Assert.Equal($"The S3 request for s3://{Granted}/{S3Names.Shorten(key)} was refused before it was sent: {reason}.", refused.Message);
    }

    [Theory]
    [InlineData("https://s3.cn-north-1.amazonaws.com.cn/bar-bucket/a", false)]
    [InlineData("https://bar-bucket.s3.cn-north-1.amazonaws.com.cn/a", false)]
    [InlineData("https://s3-external-1.amazonaws.com/bar-bucket/a", false)]
    [InlineData("https://BAR-BUCKET.S3.US-EAST-1.AMAZONAWS.COM/a", false)]
    [InlineData("http://user@127.0.0.1:9000/bar-bucket/a", true)]
    [InlineData("http://127.0.0.1:9000/bar-bucket/a#fragment", true)]
    public void Aws_endpoints_in_every_partition_and_url_forms_servers_accept_pass(string url, bool pathStyle)
    {
        Guard.Ensure(url, Granted, "a", pathStyle, pathStyle ? Endpoint : null);
    }

    [Theory]
    [InlineData("http://[::1]:9000/bar-bucket/a", "http://[::1]:9000")]
    [InlineData("http://xn--bcher-kva.example:9000/bar-bucket/a", "http://b\u00fccher.example:9000")]
    public void Ipv6_and_international_endpoints_are_recognized(string url, string serviceUrl)
    {
        Guard.Ensure(url, Granted, "a", true, serviceUrl);
    }

    [Fact]
    public void A_client_on_an_ipv6_endpoint_presigns_for_its_bucket()
    {
        using var client = new GuardedS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = "http://[::1]:9000",
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        }, S3ClientScope.ForBuckets([Granted]));

        var url = client.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = Granted, Key = "a", Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });

        Assert.StartsWith("http://[::1]:9000/bar-bucket/a?", url);
    }

    [Fact]
    public void An_empty_service_url_counts_as_none()
    {
        Guard.Ensure("https://s3.us-east-1.amazonaws.com/bar-bucket/a", Granted, "a", false, "");
        Guard.Ensure("https://bar-bucket.s3.us-east-1.amazonaws.com/a", Granted, "a", false, "");
    }

    public static TheoryData<string, bool, string?, string> ForeignHosts() => new()
    {
        // A path-style client sends every request to the endpoint; the bucket's virtual host is somewhere else.
        { "http://bar-bucket.localhost:9/a", true, "http://localhost:9",
            "it goes to host 'bar-bucket.localhost', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // The bucket's name as the first label proves nothing: the rest must be the endpoint.
        { "https://bar-bucket.evil.example/a", false, null,
            "it goes to host 'bar-bucket.evil.example', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // A host that merely begins with the bucket's name.
        { "http://bar-bucket-localhost:9/a", false, "http://localhost:9",
            "it goes to host 'bar-bucket-localhost', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // Another bucket whose name is as long as the granted one.
        { "https://other-bckt.s3.us-east-1.amazonaws.com/a", false, null,
            "it goes to host 'other-bckt.s3.us-east-1.amazonaws.com', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // 's3.' alone does not make an AWS endpoint.
        { "https://s3.evil.example/bar-bucket/a", false, null,
            "it goes to host 's3.evil.example', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        { "https://s3.amazonaws.com.evil.example/bar-bucket/a", false, null,
            "it goes to host 's3.amazonaws.com.evil.example', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        { "https://bar-bucket.s4.us-east-1.amazonaws.com/a", false, null,
            "it goes to host 'bar-bucket.s4.us-east-1.amazonaws.com', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // A configured endpoint replaces the AWS ones.
        { "https://s3.us-east-1.amazonaws.com/bar-bucket/a", true, Endpoint,
            "it goes to host 's3.us-east-1.amazonaws.com', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        // Not a URL at all.
        { "bar-bucket/a", true, Endpoint, "it goes to host 'bar-bucket', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
        { "", true, Endpoint, "it goes to host '', which is neither the S3 endpoint nor bucket 'bar-bucket' under it" },
    };

    [Theory]
    [MemberData(nameof(ForeignHosts))]
    public void Hosts_other_than_the_endpoint_or_the_buckets_own_are_refused(string url, bool pathStyle, string? serviceUrl, string reason)
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() => Guard.Ensure(url, Granted, "a", pathStyle, serviceUrl));

        Assert.Equal($"The S3 request for s3://bar-bucket/a was refused before it was sent: {reason}.", refused.Message);
    }

    [Fact]
    public void The_bucket_list_goes_to_the_endpoint_root_with_or_without_a_slash_or_query()
    {
        var guard = new S3AddressGuard(S3ClientScope.BucketListOnly);

        guard.Ensure("http://127.0.0.1:9000", null, "", true, Endpoint);
        guard.Ensure("http://127.0.0.1:9000?x-id=ListBuckets", null, "", true, Endpoint);
        guard.Ensure("http://127.0.0.1:9000/?x-id=ListBuckets", null, "", true, Endpoint);
        Assert.Equal("The S3 request for the bucket list was refused before it was sent: it goes to host 'evil.example', which is neither the S3 endpoint nor a bucket under it.",
            Assert.Throws<S3RequestRefusedException>(() => guard.Ensure("http://evil.example/", null, "", true, Endpoint)).Message);
    }

    [Fact]
    public void Missing_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => Guard.Ensure(null!, Granted, "a", true, Endpoint));
        Assert.Throws<ArgumentNullException>(() => Guard.Ensure("http://127.0.0.1:9000/bar-bucket/a", Granted, null!, true, Endpoint));
        Assert.Throws<ArgumentNullException>(() => S3AddressGuard.RemoveDotSegments(null!));
        Assert.Equal("'a/../b' is not an absolute path. (Parameter 'path')",
            Assert.Throws<ArgumentException>(() => S3AddressGuard.RemoveDotSegments("a/../b")).Message);
    }

    [Fact]
    public void A_bucket_outside_the_scope_is_refused_whatever_the_url()
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() =>
            Guard.Ensure("http://127.0.0.1:9000/other-bucket/x", "other-bucket", "x", true, Endpoint));
        Assert.Equal("The S3 request for s3://other-bucket/x was refused before it was sent: bucket 'other-bucket' is not one this tool call was authorized for.", refused.Message);

        var listing = Assert.Throws<S3RequestRefusedException>(() => Guard.Ensure("http://127.0.0.1:9000/", null, "", true, Endpoint));
        Assert.Equal("The S3 request for the bucket list was refused before it was sent: this client may only address the buckets its tool call was authorized for.", listing.Message);
    }

    [Fact]
    public void The_bucket_list_scope_lists_buckets_and_reaches_none()
    {
        var guard = new S3AddressGuard(S3ClientScope.BucketListOnly);

        guard.Ensure("http://127.0.0.1:9000/", null, "", true, Endpoint);
        guard.Ensure("https://s3.us-east-1.amazonaws.com/", null, "", false, null);
        Assert.Contains("is not one this tool call was authorized for",
            Assert.Throws<S3RequestRefusedException>(() => guard.Ensure("http://127.0.0.1:9000/bar-bucket/x", Granted, "x", true, Endpoint)).Message);
        Assert.Contains("it addresses bucket 'bar-bucket' instead of the bucket list",
            Assert.Throws<S3RequestRefusedException>(() => guard.Ensure("http://127.0.0.1:9000/bar-bucket/", null, "", true, Endpoint)).Message);
    }

    [Fact]
    public void A_path_outside_the_endpoint_path_is_refused()
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() =>
            Guard.Ensure("http://localhost:9/bar-bucket/x", Granted, "x", true, "http://localhost:9/base"));

        Assert.Equal("The S3 request for s3://bar-bucket/x was refused before it was sent: its path '/bar-bucket/x' is not under the endpoint's path '/base/'.", refused.Message);
        Assert.Equal("The S3 request for s3://bar-bucket/x was refused before it was sent: its path '/basement/bar-bucket/x' is not under the endpoint's path '/base/'.",
            Assert.Throws<S3RequestRefusedException>(() => Guard.Ensure("http://localhost:9/basement/bar-bucket/x", Granted, "x", true, "http://localhost:9/base")).Message);
    }

    [Theory]
    [InlineData("/a/b/c/./../../g", "/a/g")]
    [InlineData("/mid/content=5/../6", "/mid/6")]
    [InlineData("/bar-bucket/../other-bucket/x", "/other-bucket/x")]
    [InlineData("/../../x", "/x")]
    [InlineData("/a/..", "/")]
    [InlineData("/a/.", "/a/")]
    [InlineData("/a//b", "/a//b")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/..", "/")]
    [InlineData("/", "/")]
    [InlineData("//..//x", "//x")]
    public void Dot_segments_resolve_as_rfc_3986_says(string path, string resolved)
    {
        Assert.Equal(resolved, S3AddressGuard.RemoveDotSegments(path));
    }

    public static TheoryData<string> HostileKeys() =>
    [
        "../other-bucket/x",
        "a/../../other-bucket/x",
        "./x",
        "..%2Fother-bucket%2Fx",
        "%2e%2e/other-bucket/x",
        "%252e%252e/other-bucket/x",
        "..\\other-bucket\\x",
        "%c0%ae%c0%ae/other-bucket/x",
        "\uFF0E\uFF0E/other-bucket/x",
    ];

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public async Task The_client_sends_nothing_for_a_hostile_key_in_any_operation(string key)
    {
        await using var endpoint = new CapturingHttpServer();
        using var client = PathStyleClient(endpoint);

        await AssertRefusedAsync(() => client.GetObjectAsync(Granted, key));
        await AssertRefusedAsync(() => client.GetObjectMetadataAsync(Granted, key));
        await AssertRefusedAsync(() => client.DeleteObjectAsync(Granted, key));
        await AssertRefusedAsync(() => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Granted,
            Key = key,
            ContentBody = "planted",
            UseChunkEncoding = false,
        }));
        Assert.Throws<S3RequestRefusedException>(() => client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = Granted,
            Key = key,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Protocol.HTTP,
        }));
        await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Granted,
            Key = key,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Protocol.HTTP,
        }));

        Assert.Empty(endpoint.RequestLines);
    }

    [Fact]
    public async Task Good_requests_go_out_unchanged()
    {
        await using var endpoint = new CapturingHttpServer();
        using var client = PathStyleClient(endpoint);

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync(Granted, "dir/a b+c.txt"));
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Granted, Prefix = "dir/" }));
        var url = client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = Granted,
            Key = "dir/.hidden",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Protocol.HTTP,
        });

        Assert.Equal("NoSuchKey", missing.ErrorCode);
        Assert.Equal(["GET /bar-bucket/dir/a%20b%2Bc.txt HTTP/1.1", "GET /bar-bucket/?list-type=2&prefix=dir%2F HTTP/1.1"], endpoint.RequestLines);
        Assert.StartsWith($"{endpoint.Url}/bar-bucket/dir/.hidden?", url);
    }

    [Fact]
    public async Task Another_bucket_is_refused_even_with_a_clean_key()
    {
        await using var endpoint = new CapturingHttpServer();
        using var client = PathStyleClient(endpoint);

        var refused = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.GetObjectAsync("other-bucket", "x"));

        Assert.Equal("The S3 request for s3://other-bucket/x was refused before it was sent: bucket 'other-bucket' is not one this tool call was authorized for.", refused.Message);
        await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.ListBucketsAsync(new ListBucketsRequest()));
        Assert.Empty(endpoint.RequestLines);
    }

    [Fact]
    public async Task Operations_the_tools_never_send_are_refused()
    {
        await using var endpoint = new CapturingHttpServer();
        using var client = PathStyleClient(endpoint);

        var batch = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = Granted,
            Objects = [new KeyVersion { Key = "a" }],
        }));
        var core = Assert.Throws<S3RequestRefusedException>(() =>
            ((ICoreAmazonS3)client).GeneratePreSignedURL(Granted, "x", DateTime.UtcNow.AddMinutes(5), new Dictionary<string, object>()));

        Assert.Equal("The S3 operation DeleteObjects is not one the data tools send; it was refused before it was sent.", batch.Message);
        Assert.Equal("Presigning through ICoreAmazonS3 is not supported by the data tools' S3 client.", core.Message);
        Assert.Empty(endpoint.RequestLines);
    }

    [Fact]
    public async Task Virtual_hosted_requests_are_checked_on_the_wire_url_and_a_redirect_to_another_bucket_is_refused()
    {
        // The capturing server acts as the HTTP proxy, so it sees the absolute URL of each virtual-hosted request.
        await using var proxy = new CapturingHttpServer();
        var refusals = new List<string>();
        using var client = new GuardedS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = "http://s3.test",
            AuthenticationRegion = "us-east-1",
            ProxyHost = "127.0.0.1",
            ProxyPort = proxy.Port,
            MaxErrorRetry = 0,
        }, S3ClientScope.ForBuckets([Granted]), refused => refusals.Add(refused.Message));

        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync(Granted, "a/b.txt"));
        await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.GetObjectAsync(Granted, "../other-bucket/x"));
        Assert.Equal(["GET http://bar-bucket.s3.test/a/b.txt HTTP/1.1"], proxy.RequestLines);

        // S3 answers 307 with a new host; the SDK keeps the path and re-sends, so the key now names another bucket.
        proxy.Respond = _ => CapturingHttpServer.Response(307, "Temporary Redirect", extraHeaders: "Location: http://other-bucket.s3.us-east-1.amazonaws.com/\r\n");
        var redirected = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.GetObjectAsync(Granted, "c.txt"));

        Assert.Equal("The S3 request for s3://bar-bucket/c.txt was refused before it was sent: it goes to host 'other-bucket.s3.us-east-1.amazonaws.com', "
            + "which is neither the S3 endpoint nor bucket 'bar-bucket' under it.", redirected.Message);
        Assert.Equal(["GET http://bar-bucket.s3.test/a/b.txt HTTP/1.1", "GET http://bar-bucket.s3.test/c.txt HTTP/1.1"], proxy.RequestLines);
        Assert.Equal(2, refusals.Count);
    }

    [Fact]
    public async Task Presigned_urls_of_a_virtual_hosted_client_name_the_bucket_in_the_host()
    {
        using var client = new GuardedS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = "http://s3.test",
            AuthenticationRegion = "us-east-1",
        }, S3ClientScope.ForBuckets([Granted]));
        var request = new GetPreSignedUrlRequest { BucketName = Granted, Key = "a/b.txt", Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP };

        Assert.StartsWith("http://bar-bucket.s3.test/a/b.txt?", client.GetPreSignedURL(request));
        Assert.StartsWith("http://bar-bucket.s3.test/a/b.txt?", await client.GetPreSignedURLAsync(request));
    }

    [Fact]
    public async Task Every_refused_presign_is_reported_to_the_listener()
    {
        var refusals = new List<string>();
        using var client = new GuardedS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = Endpoint,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        }, S3ClientScope.ForBuckets([Granted]), refused => refusals.Add(refused.Message));
        var hostile = new GetPreSignedUrlRequest { BucketName = Granted, Key = "../other-bucket/x", Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP };

        var sync = Assert.Throws<S3RequestRefusedException>(() => client.GetPreSignedURL(hostile));
        var async = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.GetPreSignedURLAsync(hostile));
        var core = Assert.Throws<S3RequestRefusedException>(() =>
            ((ICoreAmazonS3)client).GeneratePreSignedURL(Granted, "x", DateTime.UtcNow.AddMinutes(5), new Dictionary<string, object>()));

        Assert.Equal([sync.Message, async.Message, core.Message], refusals);
        Assert.Equal("The S3 request for s3://bar-bucket/../other-bucket/x was refused before it was sent: its path '/bar-bucket/../other-bucket/x' "
            + "has a '..' path segment; a path-style server would read it as '/other-bucket/x'.", sync.Message);
    }

    private static GuardedS3Client PathStyleClient(CapturingHttpServer endpoint) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = endpoint.Url,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            MaxErrorRetry = 0,
        }, S3ClientScope.ForBuckets([Granted]));

    private static async Task AssertRefusedAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<S3RequestRefusedException>(call);
        Assert.StartsWith("The S3 request for s3://bar-bucket/", refused.Message);
    }
}
