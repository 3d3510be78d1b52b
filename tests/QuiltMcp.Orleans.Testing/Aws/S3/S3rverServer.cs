using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Testing.Aws.Sts;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Testing.Aws.S3;

/// <summary>
/// A real S3 server (npm s3rver) on a loopback port it picks itself, behind an <see cref="S3RecordingProxy"/>, and an SDK client
/// that seeds it directly (so seeding is not recorded). Servers under test are given <see cref="ServiceUrl"/>, the
/// proxy, so every request they send is recorded with the credentials that signed it. s3rver knows the key pair
/// S3RVER/S3RVER and whatever keys <see cref="AcceptCredentialsAsync"/> added (the STS fake's, through
/// <see cref="AcceptKeysIssuedBy"/>); a request signed with any other key is refused, as S3 refuses unknown keys.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;
    private readonly S3RecordingProxy _proxy;
    private readonly HttpClient _control;

    private S3rverServer(Process process, Uri directUrl, string directory, S3RecordingProxy proxy)
    {
        _process = process;
        _directory = directory;
        _proxy = proxy;
        _control = new HttpClient { BaseAddress = directUrl };
        Client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = directUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        });
    }

    /// <summary>The S3 endpoint for servers under test: the recording proxy.</summary>
    public string ServiceUrl => _proxy.Url.ToString().TrimEnd('/');

    /// <summary>The seeding client: S3RVER keys, straight to s3rver.</summary>
    public IAmazonS3 Client { get; }

    /// <summary>The recording proxy in front of s3rver, where a test injects faults (<see cref="S3RecordingProxy.Inject"/>).</summary>
    public S3RecordingProxy Proxy => _proxy;

    /// <summary>Every request that came through the proxy, in arrival order.</summary>
    public IReadOnlyList<S3Request> Requests => _proxy.Requests;

    public IReadOnlyList<S3Request> RequestsFor(string bucket) => Requests.Where(request => request.Bucket == bucket).ToArray();

    /// <summary>Makes s3rver accept requests signed with <paramref name="accessKeyId"/>.</summary>
    public async Task AcceptCredentialsAsync(string accessKeyId, string secretAccessKey)
    {
        using var response = await _control.PostAsJsonAsync("/_s3rver-host/access-keys", new { accessKeyId, secretAccessKey });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every key <paramref name="sts"/> issues from now on is known to s3rver before its caller receives it.</summary>
    public void AcceptKeysIssuedBy(FakeSts sts) =>
        sts.OnIssuing = issued => AcceptCredentialsAsync(issued.AccessKeyId, issued.SecretAccessKey);

    public static async Task<S3rverServer> StartAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "Aws", "S3", "s3rver-host.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // s3rver encrypts continuation tokens with DES, which Node's OpenSSL 3 offers only from its legacy provider.
        start.ArgumentList.Add("--openssl-legacy-provider");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryPaths.NodeModules);
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data && data.StartsWith("READY ", StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(data["READY ".Length..], CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var directUrl = new Uri($"http://127.0.0.1:{port}");
        return new S3rverServer(process, directUrl, directory, await S3RecordingProxy.StartAsync(directUrl));
    }

    public async Task CreateBucketAsync(string bucket) =>
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

    /// <summary>A bucket with versioning on (s3rver-versioning.mjs), as <c>PutBucketVersioning</c> makes one in S3.</summary>
    public async Task CreateVersionedBucketAsync(string bucket)
    {
        await CreateBucketAsync(bucket);
        await Client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
    }

    /// <summary>Writes an object and returns the version id S3 gave it (null in an unversioned bucket).</summary>
    public async Task<string?> PutVersionAsync(string bucket, string key, string text)
    {
        var response = await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentBody = text,
            ContentType = "text/plain",
            UseChunkEncoding = false,
        });
        return response.VersionId;
    }

    public async Task PutAsync(string bucket, string key, byte[] body, string contentType = "application/octet-stream")
    {
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(body),
            ContentType = contentType,
            UseChunkEncoding = false,
        });
    }

    public Task PutTextAsync(string bucket, string key, string text) =>
        PutAsync(bucket, key, System.Text.Encoding.UTF8.GetBytes(text), "text/plain");

    public async Task<byte[]> GetAsync(string bucket, string key)
    {
        using var response = await Client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async Task<bool> ExistsAsync(string bucket, string key)
    {
        try
        {
            await Client.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (AmazonS3Exception failure) when (failure.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string bucket, string prefix = "")
    {
        var response = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return (response.S3Objects ?? []).Select(item => item.Key).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _control.Dispose();
        await _proxy.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
