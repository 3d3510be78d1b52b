using System.Globalization;
using Amazon.S3.Model;
using ModelContextProtocol.Client;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// A data server whose copy mode switches to multipart copies from <see cref="MultipartThreshold"/> (1 MiB) instead
/// of quilt3's 8 MiB, so that multipart copies, their parts and their aborts are exercised with objects of a few MiB.
/// </summary>
public sealed class CopyModeServer : IAsyncLifetime
{
    public const long MultipartThreshold = 1024 * 1024;

    public S3rverServer S3 { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        S3 = await S3rverServer.StartAsync();
        Sts = await FakeSts.StartAsync();
        S3.AcceptKeysIssuedBy(Sts);
        var settings = DataServer.Settings(S3, Sts);
        settings["Packages:MultipartCopyThreshold"] = MultipartThreshold.ToString(CultureInfo.InvariantCulture);
        Server = await InProcessServer.CreateAsync(settings);
    }

    public Task<McpClient> ConnectAsync(string subject, string[] buckets, string[]? permissions = null) =>
        Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token(subject, "quilt:read quilt:write", buckets, permissions)));

    /// <summary>The multipart uploads still open in <paramref name="bucket"/> (asked of s3rver directly).</summary>
    public async Task<IReadOnlyList<string>> OpenUploadsAsync(string bucket) =>
        ((await S3.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? [])
            .Select(upload => upload.Key).ToArray();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sts.DisposeAsync();
        await S3.DisposeAsync();
    }
}
