using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// The server as an attacker meets it, and everything it could spend on their behalf: the real host in-process
/// (Kestrel, MCP, silo, Production rules) trusting the Quilt HS256 key and two OIDC issuers over HTTPS (one of them a
/// Cognito-style pool), a counting STS, s3rver with a granted bucket and another user's bucket, a counting catalog,
/// and the attacker's own issuer (which must never be contacted). Every token here is signed by jose, outside our
/// code. The rate limits are lifted here so hostile floods do not mask each case's own refusal (they have their
/// own tests).
/// </summary>
public sealed class HostileTarget : IAsyncLifetime
{
    public const string AccountId = "123456789012";
    public const string GrantedBucket = "granted-bucket";
    public const string OtherBucket = "other-bucket";
    public const string ReaderRole = "data-reader";
    public const string SecretObjectText = "another user's secret";

    public JoseTokenFixture Tokens { get; } = new();

    public S3rverServer S3 { get; private set; } = null!;

    public FakeSts Sts { get; private set; } = null!;

    public FakeCatalog Catalog { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    /// <summary>Everything the server logs; <see cref="LogLines"/> renders it as an operator's log store would hold it.</summary>
    public FakeLogCollector Log { get; } = new();

    public Uri BaseUri => Server.BaseUri;

    public static string RoleArn(string role) => $"arn:aws:iam::{AccountId}:role/{role}";

    public async Task InitializeAsync()
    {
        await Tokens.InitializeAsync();
        S3 = await S3rverServer.StartAsync();
        Sts = await FakeSts.StartAsync();
        S3.AcceptKeysIssuedBy(Sts);
        Catalog = await FakeCatalog.StartAsync();
        await S3.CreateBucketAsync(GrantedBucket);
        await S3.CreateBucketAsync(OtherBucket);
        await S3.PutTextAsync(GrantedBucket, "data/readme.txt", "hello");
        await S3.PutTextAsync(OtherBucket, "x", SecretObjectText);
        await S3.PutTextAsync(OtherBucket, "secret.txt", SecretObjectText);

        Server = await InProcessServer.CreateAsync(Settings(), builder =>
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(Log));
            builder.Services.TrustLoopbackCertificate(AccessTokenValidator.MetadataHttpClientName);
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Catalog.DisposeAsync();
        await Sts.DisposeAsync();
        await S3.DisposeAsync();
        await Tokens.DisposeAsync();
    }

    public SpendMeter Spend() => SpendMeter.Read(S3, Sts, Catalog, Tokens.Bait);

    /// <summary>
    /// A Quilt catalog token (HS256, signed by jose with the configured key) for a caller granted
    /// <see cref="GrantedBucket"/> and the <see cref="ReaderRole"/> role.
    /// </summary>
    public Task<string> QuiltTokenAsync(string subject, string scope = "quilt:read quilt:write public:read", Action<JsonObject>? change = null)
    {
        var payload = Tokens.QuiltPayload(DateTimeOffset.UtcNow, subject);
        payload["scope"] = scope;
        payload["buckets"] = new JsonArray(GrantedBucket);
        payload["permissions"] = new JsonArray("s3:GetObject", "s3:ListBucket", "s3:PutObject");
        payload["roles"] = new JsonArray(ReaderRole);
        change?.Invoke(payload);
        return Tokens.Jose.SignAsync("HS256", JoseTokenFixture.QuiltKid, payload);
    }

    /// <summary>An RS256 token of the first OIDC issuer for <paramref name="subject"/>, with the same grants.</summary>
    public Task<string> OidcTokenAsync(string subject, string scope = "quilt:read public:read")
    {
        var payload = Tokens.OidcPayload(DateTimeOffset.UtcNow, subject);
        payload["scope"] = scope;
        return Tokens.Jose.SignAsync("RS256", "rsa-2048", payload);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:QuiltMcp"] = "Debug",
        ["Auth:Quilt:Secret"] = JoseTokenFixture.QuiltSecret,
        ["Auth:Quilt:Kid"] = JoseTokenFixture.QuiltKid,
        ["Auth:OidcIssuers:0:Issuer"] = Tokens.Oidc.Issuer,
        ["Auth:OidcIssuers:0:Audiences:0"] = JoseTokenFixture.OidcAudience,
        ["Auth:OidcIssuers:1:Issuer"] = Tokens.Cognito.Issuer,
        ["Auth:OidcIssuers:1:Audiences:0"] = JoseTokenFixture.CognitoClientId,
        ["Auth:OidcIssuers:1:TokenUses:0"] = CognitoTokenUses.Access,
        ["Aws:Region"] = "us-east-1",
        ["Aws:StsServiceUrl"] = Sts.Url.ToString(),
        ["S3:ServiceUrl"] = S3.ServiceUrl,
        ["S3:ForcePathStyle"] = "true",
        ["Roles:AccountId"] = AccountId,
        ["Catalog:GraphQlUrl"] = Catalog.GraphQlUrl.ToString(),
        ["Http:PermitsPerMinute"] = "1000000",
        ["Http:AnonymousPermitsPerMinute"] = "1000000",
        ["Telemetry:EmbeddedMetrics"] = "false",
    };
}

[CollectionDefinition(Name)]
public sealed class HostileTargetCollection : ICollectionFixture<HostileTarget>
{
    public const string Name = "hostile target";
}
