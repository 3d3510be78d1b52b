using System.Security.Claims;
using QuiltMcp.Orleans.Api.Auth;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Api.Authentication;

/// <summary>
/// Everything derived from one validated token, built once and reused for every request that presents the same
/// token: the validation result, the runtime auth state (without the token), the ASP.NET Core user and the
/// principal reference. The raw token is never kept here; each request adds its own.
/// </summary>
public sealed class AuthenticatedCaller
{
    public AuthenticatedCaller(ValidatedAccessToken token, ClaimsPrincipal user, PrincipalReference principal)
    {
        Token = token;
        User = user;
        Principal = principal;
        AuthWithoutToken = token.ToRuntimeAuthState(accessToken: "") with { AccessToken = null };
    }

    public ValidatedAccessToken Token { get; }

    /// <summary>Shared across requests: read it, never change it (no claims transformation runs on it).</summary>
    public ClaimsPrincipal User { get; }

    public PrincipalReference Principal { get; }

    private RuntimeAuthState AuthWithoutToken { get; }

    /// <summary>The auth state of one request, carrying that request's token for calls made on the caller's behalf.</summary>
    public RuntimeAuthState AuthFor(string accessToken) => AuthWithoutToken with { AccessToken = accessToken };
}
