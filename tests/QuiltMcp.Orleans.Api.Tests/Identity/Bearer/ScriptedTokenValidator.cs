using System.Collections.Concurrent;
using System.Collections.Immutable;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Identity.Bearer;

/// <summary>A validator that answers what the test says and counts what it was asked.</summary>
internal sealed class ScriptedTokenValidator : IAccessTokenValidator
{
    private readonly ConcurrentDictionary<string, TokenValidationOutcome> _outcomes = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Validated { get; } = new();

    public void Accept(string token, string subject, DateTimeOffset expiresAt, string issuer = "quilt-frontend", params string[] scopes) =>
        Accept(token, new PrincipalClaims { Subject = subject, Issuer = issuer, Scopes = scopes }, expiresAt);

    public void Accept(string token, PrincipalClaims claims, DateTimeOffset expiresAt)
    {
        var issuer = claims.Issuer ?? "quilt-frontend";
        var subject = claims.Subject;
        _outcomes[token] = TokenValidationOutcome.Success(new ValidatedAccessToken(
            claims, PrincipalKeys.ForToken(issuer, subject), ImmutableDictionary<string, object?>.Empty, TokenIssuerKind.Quilt, expiresAt));
    }

    public Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        Validated.Enqueue(token);
        return Task.FromResult(_outcomes.TryGetValue(token, out var outcome) ? outcome : TokenValidationOutcome.Failure("token signature is invalid"));
    }
}
