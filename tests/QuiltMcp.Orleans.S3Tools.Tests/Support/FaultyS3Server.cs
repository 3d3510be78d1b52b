using ModelContextProtocol.Client;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// A server whose S3 (s3rver behind the recording proxy) can be made to fail, hang or stall per bucket, with the S3
/// limits shortened so the tests take seconds: 3 attempts, 2 s per attempt (and per silent body read), 5 s per call.
/// </summary>
public sealed class FaultyS3Server : IAsyncLifetime
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    public const int MaxAttempts = 3;

    public S3rverServer S3 { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    public S3RecordingProxy Proxy => S3.Proxy;

    public async Task InitializeAsync()
    {
        S3 = await S3rverServer.StartAsync();
        Sts = await FakeSts.StartAsync();
        S3.AcceptKeysIssuedBy(Sts);
        var settings = DataServer.Settings(S3, Sts);
        settings["S3:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["S3:AttemptTimeout"] = AttemptTimeout.ToString();
        settings["S3:CallTimeout"] = CallTimeout.ToString();
        Server = await InProcessServer.CreateAsync(settings);
    }

    /// <summary>A session for a reader of <paramref name="bucket"/>.</summary>
    public Task<McpClient> ConnectReaderAsync(string subject, string bucket) =>
        Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token(subject, "quilt:read", [bucket], Principals.ReadActions)));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sts.DisposeAsync();
        await S3.DisposeAsync();
    }
}
