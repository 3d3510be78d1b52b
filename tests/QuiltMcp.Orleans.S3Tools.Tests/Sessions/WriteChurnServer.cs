using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.S3Tools.Tests.Sessions;

/// <summary>
/// A server that keeps only <see cref="Cap"/> idle sessions in memory and writes to a real S3 (s3rver behind its
/// recording proxy, which counts every PUT) with credentials from the fake STS, for tests of what happens to writes
/// whose session is closed under them. It records the eviction retry's log events.
/// </summary>
public sealed class WriteChurnServer : IAsyncLifetime
{
    public const int Cap = 5;
    public const string Bucket = "churn-writes";

    public FakeLogCollector Logs { get; } = new();

    public S3rverServer S3 { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    /// <summary>A token that may read and write <see cref="Bucket"/> through its own role, <c>data-&lt;subject&gt;</c>.</summary>
    public static string Token(string subject) =>
        TestTokens.Issue(subject, "quilt:read quilt:write", [Bucket], roles: ["data-" + subject], permissions: ["s3:*"]);

    /// <summary>The PUTs that reached S3 for <paramref name="key"/> in <see cref="Bucket"/>.</summary>
    public int PutsOf(string key) => S3.RequestsFor(Bucket).Count(request => request.Method == "PUT" && request.Key == key);

    public async Task InitializeAsync()
    {
        S3 = await S3rverServer.StartAsync();
        Sts = await FakeSts.StartAsync();
        S3.AcceptKeysIssuedBy(Sts);
        await S3.CreateBucketAsync(Bucket);
        Server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?>
            {
                ["Sessions:MaxIdleSessionCount"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Aws:Region"] = "us-east-1",
                ["Aws:StsServiceUrl"] = Sts.Url.ToString(),
                ["S3:ServiceUrl"] = S3.ServiceUrl,
                ["S3:ForcePathStyle"] = "true",
                ["Roles:AccountId"] = FakeSts.AccountId,
                ["Http:PermitsPerMinute"] = "100000000",
                ["Telemetry:EmbeddedMetrics"] = "false",
                ["Logging:LogLevel:QuiltMcp.Orleans.Api.Sessions.SessionEvictionRetryMiddleware"] = "Information",
            },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(Logs)));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sts.DisposeAsync();
        await S3.DisposeAsync();
    }
}
