using System.Security.Claims;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Everything derived from one validated token, built once and reused for every request that presents the same
/// token: the validation result, the ASP.NET Core identity and the principal grain. The raw token is never kept
/// here; each request's <see cref="Caller"/> carries its own.
/// </summary>
public sealed class AuthenticatedCaller
{
    private readonly ClaimsIdentity _identity;
    private readonly IPrincipalGrain _grain;

    public AuthenticatedCaller(ValidatedAccessToken token, ClaimsIdentity identity, IPrincipalGrain grain)
    {
        Token = token;
        _identity = identity;
        _grain = grain;
    }

    public ValidatedAccessToken Token { get; }

    public string PrincipalId => Token.PrincipalKey;

    /// <summary>
    /// The user of one request: the shared identity (read it, never change it: no claims transformation runs on it)
    /// carrying that request's caller, with the token it presented for calls made on the caller's behalf.
    /// </summary>
    public CallerPrincipal UserFor(string accessToken, RequestOrigin request) => new(
        new Caller
        {
            Environment = RuntimeEnvironments.WebJwt,
            PrincipalId = Token.PrincipalKey,
            Grain = _grain,
            Claims = Token.Principal,
            Credential = new CallerCredential(CallerCredential.JwtScheme, accessToken, Token.IssuerKind, Token.ExpiresAt, Token.Claims),
            Request = request,
        },
        _identity);
}
