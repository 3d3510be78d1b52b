using System.Collections.Immutable;
using System.Security.Claims;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// The caller of a desktop (stdio) server: the local operating-system user, whose AWS access comes from the local
/// profile. Every request acts for this user; the grain learns the claims once, on the first request. The stdio
/// transport answers the protocol (server/discover, initialize, ping) as soon as the process starts, while the silo
/// is still joining: a client that probes with server/discover gives up after a few seconds and falls back to
/// initialize, which a slow start must not provoke. Requests that act for the user wait here until the silo is
/// Active, since a grain call made earlier would only be retried (and logged) by Orleans' placement.
/// </summary>
public sealed class DesktopCaller : IMcpCallerSource
{
    private readonly Caller _caller;
    private readonly Lazy<Task> _identified;

    public DesktopCaller(IGrainFactory grains, TimeProvider timeProvider, ServerReadiness readiness)
        : this(grains, timeProvider, System.Environment.UserName, readiness.SiloActive)
    {
    }

    internal DesktopCaller(IGrainFactory grains, TimeProvider timeProvider, string userName, Task siloActive)
    {
        var claims = new PrincipalClaims
        {
            Subject = userName,
            DisplayName = userName,
            IssuedAt = timeProvider.GetUtcNow(),
        };
        var key = PrincipalKeys.ForDesktopUser(userName);
        var grain = grains.GetGrain<IPrincipalGrain>(key);
        _caller = new Caller
        {
            Environment = RuntimeEnvironments.DesktopStdio,
            PrincipalId = key,
            Grain = grain,
            Claims = claims,
            Credential = new CallerCredential(
                CallerCredential.LocalScheme,
                AccessToken: null,
                IssuerKind: null,
                ExpiresAt: null,
                ImmutableDictionary<string, object?>.Empty.Add("sub", userName)),
            Request = RequestOrigin.FromStdio(null),
        };
        _identified = new Lazy<Task>(async () =>
        {
            await siloActive;
            await grain.IdentifyAsync(claims);
        });
    }

    /// <summary>The local user, for a request with the given JSON-RPC id.</summary>
    public Caller For(string? requestId) => _caller with { Request = RequestOrigin.FromStdio(requestId) };

    /// <summary>Tells the grain who the local user is; only the first call does any work.</summary>
    public Task EnsureIdentifiedAsync() => _identified.Value;

    /// <summary>Stdio attaches no user to messages: every request is the local user's.</summary>
    public async ValueTask<Caller> ForRequestAsync(ClaimsPrincipal? user, RequestId requestId)
    {
        await EnsureIdentifiedAsync();
        return For(requestId.ToString());
    }
}
