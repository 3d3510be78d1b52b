namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// The runtime context of the current async flow: the <see cref="Caller"/> of the request being served, pushed per
/// request by <see cref="McpCallerFilters"/> and restored when it ends. It lives in an <see cref="AsyncLocal{T}"/>,
/// so concurrent requests never see each other's caller, and nothing is ever written to process-wide state such as
/// environment variables. Only <see cref="McpCallerFilters.CurrentCaller"/> reads it; everything else is given the
/// caller as an argument.
/// </summary>
public static class RuntimeContext
{
    private static readonly AsyncLocal<Caller?> CurrentCaller = new();

    /// <summary>The caller of the current flow, or null when no request pushed one.</summary>
    public static Caller? Current => CurrentCaller.Value;

    /// <summary>
    /// Makes <paramref name="caller"/> current for this flow; dispose the result to restore the previous one. Call it
    /// in the method that runs the work (a <c>using</c> there): a push made inside an async helper is undone when
    /// that helper returns, because async methods restore their caller's AsyncLocal values.
    /// </summary>
    public static RuntimeContextScope Push(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var scope = new RuntimeContextScope(caller, CurrentCaller.Value);
        CurrentCaller.Value = caller;
        return scope;
    }

    internal static void Restore(Caller? previous) => CurrentCaller.Value = previous;
}
