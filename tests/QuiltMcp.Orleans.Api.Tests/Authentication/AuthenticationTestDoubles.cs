using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using QuiltMcp.Orleans.Api.Auth;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Authentication;

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

/// <summary>A principal grain that only records who identified; the authentication handler needs nothing else.</summary>
internal sealed class RecordingPrincipalGrain : IPrincipalGrain
{
    public ConcurrentQueue<PrincipalClaims> Identified { get; } = new();

    public Task<PrincipalSnapshot> IdentifyAsync(PrincipalClaims claims)
    {
        Identified.Enqueue(claims);
        return Task.FromResult<PrincipalSnapshot>(null!);
    }

    public Task<PrincipalSnapshot> GetSnapshotAsync() => throw new NotSupportedException();

    public Task<RoleCredentialsResult> GetRoleCredentialsAsync(RoleSessionRequest request) => throw new NotSupportedException();

    public Task<DateTimeOffset?> GetCachedCredentialsExpiryAsync(string roleArn) => throw new NotSupportedException();
}

/// <summary>
/// An <see cref="IGrainFactory"/> that hands out <see cref="RecordingPrincipalGrain"/>s by key and refuses every other
/// request, so a test fails loudly if the code under test reaches for any other grain.
/// </summary>
internal class PrincipalGrainFactory : DispatchProxy
{
    public ConcurrentDictionary<string, RecordingPrincipalGrain> Grains { get; } = new(StringComparer.Ordinal);

    public static (IGrainFactory Factory, PrincipalGrainFactory State) Create()
    {
        var factory = Create<IGrainFactory, PrincipalGrainFactory>();
        return (factory, (PrincipalGrainFactory)(object)factory);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }
            && targetMethod.GetGenericArguments()[0] == typeof(IPrincipalGrain)
            && args is [string key, ..])
        {
            return Grains.GetOrAdd(key, _ => new RecordingPrincipalGrain());
        }

        throw new NotSupportedException($"The authentication tests do not expect {targetMethod?.Name}.");
    }
}
