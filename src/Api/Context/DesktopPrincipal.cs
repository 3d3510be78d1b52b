using System.Collections.Immutable;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// The identity of a desktop (stdio) server: the local operating-system user, whose AWS access comes from the
/// local profile. The grain learns the claims once, on the first request.
/// </summary>
public sealed class DesktopPrincipal
{
    /// <summary>The auth scheme reported for desktop callers: the local user, no token.</summary>
    public const string Scheme = "local";

    private readonly Lazy<Task> _identified;

    public DesktopPrincipal(IGrainFactory grains, TimeProvider timeProvider)
        : this(grains, timeProvider, Environment.UserName)
    {
    }

    internal DesktopPrincipal(IGrainFactory grains, TimeProvider timeProvider, string userName)
    {
        var claims = new PrincipalClaims
        {
            Subject = userName,
            DisplayName = userName,
            IssuedAt = timeProvider.GetUtcNow(),
        };
        var key = PrincipalKeys.ForDesktopUser(userName);
        Reference = new PrincipalReference(key, grains.GetGrain<IPrincipalGrain>(key), claims);
        Auth = new RuntimeAuthState(
            Scheme,
            AccessToken: null,
            ImmutableDictionary<string, object?>.Empty.Add("sub", userName),
            ImmutableDictionary<string, string>.Empty.Add("principal_id", key));
        _identified = new Lazy<Task>(() => Reference.Grain.IdentifyAsync(claims));
    }

    public PrincipalReference Reference { get; }

    public RuntimeAuthState Auth { get; }

    /// <summary>Tells the grain who the local user is; only the first call does any work.</summary>
    public Task EnsureIdentifiedAsync() => _identified.Value;

    /// <summary>
    /// Pushes the <c>desktop-stdio</c> context for one request. Synchronous on purpose: a context pushed inside
    /// an async helper would vanish when that helper returns, because async methods restore their caller's
    /// AsyncLocal values.
    /// </summary>
    public RuntimeContextScope Push(string? requestId)
    {
        var metadata = new Dictionary<string, string> { [RuntimeMetadataKeys.Transport] = "stdio" };
        if (requestId is not null)
        {
            metadata[RuntimeMetadataKeys.RequestId] = requestId;
        }

        return RuntimeContext.Push(RuntimeEnvironments.DesktopStdio, Auth, metadata, Reference);
    }
}
