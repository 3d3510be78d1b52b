using System.Collections.Immutable;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Testing.Identity;

/// <summary>Callers as authentication, the desktop identity and the anonymous web path build them.</summary>
public static class TestCallers
{
    /// <summary>A web caller with a validated bearer token carrying these claims (and these raw payload claims).</summary>
    public static Caller Web(
        PrincipalClaims claims,
        IReadOnlyDictionary<string, object?>? tokenClaims = null,
        IPrincipalGrain? grain = null,
        string? accessToken = "token-of-the-request") => new()
    {
        Environment = RuntimeEnvironments.WebJwt,
        PrincipalId = PrincipalKeys.ForToken(claims.Issuer ?? "quilt-frontend", claims.Subject),
        Grain = grain!,
        Claims = claims,
        Credential = new CallerCredential(
            CallerCredential.JwtScheme,
            accessToken,
            TokenIssuerKind.Quilt,
            DateTimeOffset.UnixEpoch.AddYears(60),
            (tokenClaims ?? ImmutableDictionary<string, object?>.Empty).ToImmutableDictionary()),
        Request = new RequestOrigin("http", "trace-1"),
    };

    public static Caller Web(string[] scopes) => Web(new PrincipalClaims { Subject = "alice", Scopes = scopes });

    public static Caller Desktop() => new()
    {
        Environment = RuntimeEnvironments.DesktopStdio,
        PrincipalId = PrincipalKeys.ForDesktopUser("alice"),
        Grain = null!,
        Claims = new PrincipalClaims { Subject = "alice" },
        Credential = new CallerCredential(CallerCredential.LocalScheme, null, null, null, ImmutableDictionary<string, object?>.Empty),
        Request = RequestOrigin.FromStdio("1"),
    };

    public static Caller Anonymous() => new()
    {
        Environment = RuntimeEnvironments.WebUnauthenticated,
        PrincipalId = PrincipalKeys.Anonymous,
        Grain = null!,
        Request = new RequestOrigin("http", "trace-1"),
    };
}
