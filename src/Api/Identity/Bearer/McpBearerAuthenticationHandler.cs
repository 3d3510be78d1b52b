using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Validates the bearer JWT of a request and, on success, makes the request's user a <see cref="CallerPrincipal"/>:
/// a <c>web-jwt</c> <see cref="Caller"/> bound to the principal's grain, which the MCP SDK hands to every message of
/// the request. Challenges carry the RFC 9728 pointer clients need to sign in.
/// </summary>
public sealed partial class McpBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAccessTokenValidator validator,
    ValidatedTokenCache cache,
    IGrainFactory grains,
    PrincipalSnapshotCache snapshots,
    ChallengeBuilder challenges)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string FailureItem = "QuiltMcp.AuthFailure";
    private const string BearerPrefix = "Bearer ";

    private readonly ILogger _decisions = loggerFactory.CreateLogger(Access.AuthDecisionLog.Category);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("the Authorization header is not a Bearer token");
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (!cache.TryGet(token, out var caller))
        {
            var outcome = await validator.ValidateAsync(token, Context.RequestAborted);
            if (!outcome.Succeeded)
            {
                return Refuse(outcome.Reason);
            }

            var validated = outcome.Token;
            var grain = grains.GetGrain<IPrincipalGrain>(validated.PrincipalKey);

            // The grain learns the claims from the first request that needs it (AuthenticatedCaller), once per token.
            caller = new AuthenticatedCaller(validated, ToClaimsIdentity(validated), grain, snapshots);
            cache.Add(token, caller);
        }

        var user = caller!.UserFor(token, RequestOrigin.FromHttp(Context));
        return AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items.TryGetValue(FailureItem, out var reason) ? reason as string : null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, challenges.Build(Request, failure));

        // The same reason in a JSON body, because client libraries show a body and seldom the challenge header.
        return Response.WriteAsJsonAsync(failure is null
            ? new
            {
                error = "unauthorized",
                error_description = "This endpoint needs a bearer token; the WWW-Authenticate header names the protected "
                    + "resource metadata, which says where to get one.",
            }
            : new { error = "invalid_token", error_description = "The bearer token was refused: " + failure + "." });
    }

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[FailureItem] = reason;
        LogRefused(_decisions, "denied", Request.Path.Value ?? "", reason);
        return AuthenticateResult.Fail(reason);
    }

    private ClaimsIdentity ToClaimsIdentity(ValidatedAccessToken validated)
    {
        // Every claim names the token's issuer, as JwtBearer does: the SDK ties an MCP session to the user's
        // (type, value, issuer) of its NameIdentifier claim, so the same subject from another trusted issuer is
        // another user and cannot use or delete the session.
        var issuer = validated.Principal.Issuer ?? ClaimsIdentity.DefaultIssuer;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, validated.Principal.Subject, ClaimValueTypes.String, issuer),
            new("sub", validated.Principal.Subject, ClaimValueTypes.String, issuer),
        };
        claims.AddRange(validated.Principal.Scopes.Select(scope => new Claim("scope", scope, ClaimValueTypes.String, issuer)));
        if (validated.Principal.DisplayName is { } name)
        {
            claims.Add(new Claim(ClaimTypes.Name, name, ClaimValueTypes.String, issuer));
        }

        return new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Auth decision: {Decision} bearer token on {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string decision, string path, string reason);
}
