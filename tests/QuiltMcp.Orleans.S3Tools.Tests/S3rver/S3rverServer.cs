using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.S3Tools.Tests.S3rver;

/// <summary>
/// A real S3 server (npm s3rver) on a free loopback port with its request log, and an SDK client that seeds it.
/// s3rver accepts only the key pair S3RVER/S3RVER.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly ConcurrentQueue<S3rverRequest> _requests = new();
    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, int port, string directory)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        });
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public IAmazonS3 Client { get; }

    /// <summary>Requests received, without the log markers of <see cref="SyncLogAsync"/>.</summary>
    public IReadOnlyList<S3rverRequest> Requests => _requests.Where(request => !request.Url.StartsWith(MarkerPrefix, StringComparison.Ordinal)).ToArray();

    private const string MarkerPrefix = "/log-marker-";

    public IReadOnlyList<S3rverRequest> RequestsFor(string bucket) => _requests.Where(request => request.Bucket == bucket).ToArray();

    public static async Task<S3rverServer> StartAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "S3rver", "s3rver-host.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // s3rver encrypts continuation tokens with DES, which Node's OpenSSL 3 offers only from its legacy provider.
        start.ArgumentList.Add("--openssl-legacy-provider");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryPaths.NodeModules);
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var server = new S3rverServer(process, port, directory);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "READY")
            {
                ready.TrySetResult();
            }
            else if (line.Data is { Length: > 0 } json && json[0] == '{')
            {
                var entry = JsonDocument.Parse(json).RootElement;
                server._requests.Enqueue(new S3rverRequest(entry.GetProperty("method").GetString()!, entry.GetProperty("url").GetString()!));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>
    /// Waits until every request answered so far is in the log: s3rver logs requests in the order it receives them,
    /// so once a marker request sent now shows up, all earlier ones have too.
    /// </summary>
    public async Task SyncLogAsync()
    {
        var marker = MarkerPrefix + Guid.NewGuid().ToString("N");
        using var http = new HttpClient();
        using var _ = await http.GetAsync(ServiceUrl + marker);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_requests.Any(request => request.Url == marker))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("s3rver's request log did not catch up.");
            }

            await Task.Delay(10);
        }
    }

    public async Task CreateBucketAsync(string bucket) =>
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

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
