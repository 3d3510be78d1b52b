using ModelContextProtocol.Client;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// One s3rver (behind its recording proxy), one fake STS and one real in-process server (Kestrel, MCP, silo) for the
/// whole test collection: the server reaches S3 through the SDK's endpoint settings and signs with the credentials its
/// principal grains got from STS; s3rver accepts exactly the keys STS issued (and its own, for seeding).
/// </summary>
public sealed class DataServer : IAsyncLifetime
{
    public S3rverServer S3 { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        S3 = await S3rverServer.StartAsync();
        Sts = await FakeSts.StartAsync();
        S3.AcceptKeysIssuedBy(Sts);
        Server = await InProcessServer.CreateAsync(Settings(S3, Sts));
    }

    /// <summary>
    /// What a server reaching S3 through <paramref name="s3"/> with roles from <paramref name="sts"/> is started with;
    /// a fixture that needs more adds to it.
    /// </summary>
    public static Dictionary<string, string?> Settings(S3rverServer s3, FakeSts sts) => new()
    {
        ["Aws:Region"] = "us-east-1",
        ["Aws:StsServiceUrl"] = sts.Url.ToString(),
        ["S3:ServiceUrl"] = s3.ServiceUrl,
        ["S3:ForcePathStyle"] = "true",
        ["Roles:AccountId"] = Principals.AccountId,
        ["Http:PermitsPerMinute"] = "1000000",
        // Many principals' first requests come from one loopback address; each spends that address's allowance until its token is known valid.
        ["Http:AnonymousPermitsPerMinute"] = "1000000",
        ["Telemetry:EmbeddedMetrics"] = "false",
    };

    /// <summary>A session for a caller with these claims; the role is assumed on first use.</summary>
    public Task<McpClient> ConnectAsync(string subject, string scopes, string[] buckets, string[]? permissions = null) =>
        Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token(subject, scopes, buckets, permissions)));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sts.DisposeAsync();
        await S3.DisposeAsync();
    }
}
