using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests.Hostile;

/// <summary>The validator the hostile token cases run against in this project.</summary>
internal static class JoseTokenFixtureHosts
{
    /// <summary>A validator trusting Quilt (key k1), /oidc and /cognito (access tokens), over HTTPS.</summary>
    public static ValidatorHost CreateHost(this JoseTokenFixture fixture) => ValidatorHost.Create(new Dictionary<string, string?>
    {
        ["Auth:OidcIssuers:0:Issuer"] = fixture.Oidc.Issuer,
        ["Auth:OidcIssuers:0:Audiences:0"] = JoseTokenFixture.OidcAudience,
        ["Auth:OidcIssuers:1:Issuer"] = fixture.Cognito.Issuer,
        ["Auth:OidcIssuers:1:Audiences:0"] = JoseTokenFixture.CognitoClientId,
        ["Auth:OidcIssuers:1:TokenUses:0"] = CognitoTokenUses.Access,
    });
}
