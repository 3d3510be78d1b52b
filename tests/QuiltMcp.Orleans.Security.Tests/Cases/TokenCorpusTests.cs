using System.Net;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// The hostile token corpus (<see cref="HostileTokenCases"/>, also run against the validator alone in the Auth tests)
/// replayed over HTTP against the whole server: each token, sent to a tool that would read S3 with the caller's
/// credentials, gets 401 with its exact reason in the challenge, and costs nothing: no STS, S3, catalog or attacker
/// issuer request; neither the token nor its signature reaches the log.
/// </summary>
public sealed class TokenCorpusTests(HostileTarget target) : CorpusTest(target)
{
    public static TheoryData<string> CaseNames => HostileTokenCases.Names;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_token_gets_401_with_its_exact_reason_and_costs_nothing(string name)
    {
        var hostile = HostileTokenCases.Find(name);
        var token = await hostile.Make(Target.Tokens, DateTimeOffset.UtcNow);

        var attack = await AttackAsync(ReadAs(token), [token, .. SignatureOf(token)]);

        AssertUnauthorized(attack, hostile.ExpectedReason);
    }

    /// <summary>Positive controls: the same kit's valid tokens get through, so refusals above are the server's doing.</summary>
    [Theory]
    [InlineData("quilt HS256")]
    [InlineData("oidc RS256")]
    [InlineData("oidc ES256")]
    [InlineData("cognito access token")]
    public async Task A_valid_token_from_the_same_kit_is_served(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var token = kind switch
        {
            "quilt HS256" => await Target.QuiltTokenAsync("control-quilt"),
            "oidc RS256" => await Target.Tokens.Jose.SignAsync("RS256", "rsa-2048", Target.Tokens.OidcPayload(now, "control-rs")),
            "oidc ES256" => await Target.Tokens.Jose.SignAsync("ES256", "ec-p256", Target.Tokens.OidcPayload(now, "control-es")),
            _ => await Target.Tokens.Jose.SignAsync("RS256", "cognito-rsa", Target.Tokens.CognitoAccessPayload(now)),
        };

        var attack = await AttackAsync(Wire.ToolCall(token, "auth_status", null), token);

        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.False(attack.IsToolError, attack.Body);
        Assert.Contains("web-jwt", attack.ToolText, StringComparison.Ordinal);
    }

    private static HttpRequestMessage ReadAs(string token) =>
        Wire.ToolCall(token, "bucket_object_text", new JsonObject { ["s3_uri"] = $"s3://{HostileTarget.GrantedBucket}/data/readme.txt" });

    private static string[] SignatureOf(string token) => token.Split('.') is { Length: 3 } parts && parts[2].Length >= 16 ? [parts[2]] : [];
}
