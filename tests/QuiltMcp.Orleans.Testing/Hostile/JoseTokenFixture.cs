using System.Text;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Testing.Oidc;
using QuiltMcp.Orleans.Testing.Tokens;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Hostile;

/// <summary>
/// The parts the hostile token cases run against: one jose signer, and three HTTPS issuers. <c>/oidc</c> publishes
/// good keys (RSA 2048, EC P-256) next to weak or mismatched ones (RSA 1024/1536, EC P-384/P-521); <c>/cognito</c>
/// is a Cognito-style pool that accepts access tokens only; <c>/bait</c> publishes the attacker's keys and counts
/// any request, so a validator that follows a header's key URL is caught. The Quilt HS256 secret is registered
/// with jose too, so every token here is signed outside our code.
/// </summary>
public sealed class JoseTokenFixture : IAsyncLifetime
{
    public const string OidcAudience = "mcp-audience";
    public const string CognitoClientId = "cognito-app-client";
    public const string QuiltKid = "k1";

    /// <summary>The Quilt HS256 secret of key <see cref="QuiltKid"/>; a server under test is configured with it.</summary>
    public const string QuiltSecret = "test-secret-0123456789-abcdefghij-KLMNOP";

    /// <summary>Keys the /oidc issuer publishes, by kid (the kid says what the key is).</summary>
    public static readonly string[] PublishedOidcKids = ["rsa-2048", "ec-p256", "rsa-1024", "rsa-1536", "ec-p384", "ec-p521"];

    public JoseSigner Jose { get; private set; } = null!;

    public OidcIssuerServer Oidc { get; private set; } = null!;

    public OidcIssuerServer Cognito { get; private set; } = null!;

    public OidcIssuerServer Bait { get; private set; } = null!;

    /// <summary>The public JWK of the attacker's RSA key (kid <c>attacker-rsa</c>), published only by /bait.</summary>
    public JsonObject AttackerJwk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Jose = await JoseSigner.StartAsync();
        Oidc = await OidcIssuerServer.StartAsync("/oidc");
        Cognito = await OidcIssuerServer.StartAsync("/cognito/us-east-1_Hostile");
        Bait = await OidcIssuerServer.StartAsync("/bait");

        await Jose.GenerateRsaKeyAsync("rsa-2048", 2048);
        await Jose.GenerateEcKeyAsync("ec-p256", "P-256");
        await Jose.GenerateRsaKeyAsync("rsa-1024", 1024);
        await Jose.GenerateRsaKeyAsync("rsa-1536", 1536);
        await Jose.GenerateEcKeyAsync("ec-p384", "P-384");
        await Jose.GenerateEcKeyAsync("ec-p521", "P-521");
        Oidc.Publish(await Jose.JwksAsync(PublishedOidcKids));

        await Jose.GenerateRsaKeyAsync("cognito-rsa", 2048);
        Cognito.Publish(await Jose.JwksAsync("cognito-rsa"));

        AttackerJwk = await Jose.GenerateRsaKeyAsync("attacker-rsa", 2048);
        await Jose.GenerateEcKeyAsync("attacker-ec", "P-256");
        Bait.Publish(await Jose.JwksAsync("attacker-rsa", "attacker-ec"));

        await Jose.AddSecretAsync(QuiltKid, Encoding.UTF8.GetBytes(QuiltSecret));
    }

    public async Task DisposeAsync()
    {
        await Jose.DisposeAsync();
        await Oidc.DisposeAsync();
        await Cognito.DisposeAsync();
        await Bait.DisposeAsync();
    }

    public JsonObject OidcPayload(DateTimeOffset now, string subject = "alice") =>
        Payload(Oidc.Issuer, OidcAudience, subject, now);

    public JsonObject QuiltPayload(DateTimeOffset now, string subject = "alice") =>
        Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, subject, now);

    /// <summary>Shaped like a Cognito access token: no aud; client_id, token_use and scope instead.</summary>
    public JsonObject CognitoAccessPayload(DateTimeOffset now)
    {
        var payload = Payload(Cognito.Issuer, audience: null, "alice", now);
        payload["client_id"] = CognitoClientId;
        payload["token_use"] = CognitoTokenUses.Access;
        payload["scope"] = "quilt:read";
        return payload;
    }

    private static JsonObject Payload(string issuer, string? audience, string subject, DateTimeOffset now)
    {
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (audience is not null)
        {
            payload["aud"] = audience;
        }

        return payload;
    }
}
