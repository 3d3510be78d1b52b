using System.Collections.Immutable;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// The ambient runtime context of the current async flow: which environment serves the request, how the
/// caller authenticated, request metadata, and the caller's principal grain. It lives in an
/// <see cref="AsyncLocal{T}"/>, so concurrent requests never see each other's context, and nothing is ever
/// written to process-wide state such as environment variables.
/// </summary>
public static class RuntimeContext
{
    private static readonly AsyncLocal<RuntimeContextState?> CurrentState = new();

    /// <summary>The state a flow sees before any host pushed one. It is never mutated: setters push first.</summary>
    private static readonly RuntimeContextState DefaultState = new(RuntimeEnvironments.Desktop);

    /// <summary>The context of the current flow, or the read-only <c>desktop</c> default.</summary>
    public static RuntimeContextState Current => CurrentState.Value ?? DefaultState;

    /// <summary>True when some host pushed a context for this flow.</summary>
    public static bool HasContext => CurrentState.Value is not null;

    /// <summary>
    /// Makes a new context current for this flow; dispose the result to restore the previous one. Call it in
    /// the method that runs the work (a <c>using</c> there): a push made inside an async helper is undone
    /// when that helper returns, because async methods restore their caller's AsyncLocal values.
    /// </summary>
    public static RuntimeContextScope Push(
        string environment,
        RuntimeAuthState? auth = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        PrincipalReference? principal = null)
    {
        var state = new RuntimeContextState(environment, auth, metadata, principal);
        var scope = new RuntimeContextScope(state, CurrentState.Value);
        CurrentState.Value = state;
        return scope;
    }

    public static RuntimeAuthState? GetAuth() => CurrentState.Value?.Auth;

    /// <summary>Records validated credentials for the current flow. Requires a pushed context.</summary>
    public static void SetAuth(RuntimeAuthState auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        RequirePushed().SetAuth(auth);
    }

    /// <summary>Forgets the current flow's credentials (after a failed validation, so none go stale).</summary>
    public static void ClearAuth() => CurrentState.Value?.SetAuth(null);

    /// <summary>Changes the environment of the current flow, for example to <c>web-jwt</c> once a token validated.</summary>
    public static void SetEnvironment(string environment) => RequirePushed().SetEnvironment(environment);

    /// <summary>Binds the current flow to a principal and its grain.</summary>
    public static void SetPrincipal(PrincipalReference? principal) => RequirePushed().SetPrincipal(principal);

    /// <summary>Sets (or, with a null value, removes) metadata entries of the current flow.</summary>
    public static void UpdateMetadata(IEnumerable<KeyValuePair<string, string?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var changes = entries.ToArray();
        RequirePushed().UpdateMetadata(current =>
        {
            var builder = current.ToBuilder();
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    builder.Remove(key);
                }
                else
                {
                    builder[key] = value;
                }
            }

            return builder.ToImmutable();
        });
    }

    /// <summary>Sets one metadata entry of the current flow.</summary>
    public static void UpdateMetadata(string key, string? value) =>
        UpdateMetadata([new KeyValuePair<string, string?>(key, value)]);

    internal static void Restore(RuntimeContextState? previous) => CurrentState.Value = previous;

    private static RuntimeContextState RequirePushed() =>
        CurrentState.Value ?? throw new InvalidOperationException(
            "No runtime context has been pushed for this flow; call RuntimeContext.Push first.");
}
