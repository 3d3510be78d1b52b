using System.Collections.Immutable;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// The context of one logical flow (an HTTP request, a stdio request). Pushed with
/// <see cref="RuntimeContext.Push"/>. Auth and metadata can change while the flow runs (authentication
/// happens after the push); changes swap immutable values so concurrent readers within the flow are safe,
/// and they never reach another flow because each push creates a new state object.
/// </summary>
public sealed class RuntimeContextState
{
    private RuntimeAuthState? _auth;
    private ImmutableDictionary<string, string> _metadata;
    private PrincipalReference? _principal;

    public RuntimeContextState(
        string environment,
        RuntimeAuthState? auth = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        PrincipalReference? principal = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        Environment = environment;
        _auth = auth;
        _metadata = metadata is null
            ? ImmutableDictionary<string, string>.Empty
            : metadata.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
        _principal = principal;
    }

    /// <summary>One of <see cref="RuntimeEnvironments"/>, or a host-specific name.</summary>
    public string Environment { get; private set; }

    public RuntimeAuthState? Auth => Volatile.Read(ref _auth);

    public ImmutableDictionary<string, string> Metadata => Volatile.Read(ref _metadata);

    /// <summary>The principal this flow acts for, with the grain that caches its claims and credentials.</summary>
    public PrincipalReference? Principal => Volatile.Read(ref _principal);

    internal void SetAuth(RuntimeAuthState? auth) => Volatile.Write(ref _auth, auth);

    internal void SetEnvironment(string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        Environment = environment;
    }

    internal void SetPrincipal(PrincipalReference? principal) => Volatile.Write(ref _principal, principal);

    internal void UpdateMetadata(Func<ImmutableDictionary<string, string>, ImmutableDictionary<string, string>> update)
    {
        ImmutableInterlocked.Update(ref _metadata, update);
    }
}
