using System.Collections.Immutable;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// What the current flow knows about its caller's credentials. Immutable: a change replaces the whole value,
/// so a reader never sees half an update.
/// </summary>
/// <param name="Scheme">How the caller authenticated, for example <c>jwt</c>.</param>
/// <param name="AccessToken">The raw token, kept only for downstream calls on the caller's behalf. Never log it.</param>
/// <param name="Claims">The validated claims, by claim name.</param>
/// <param name="Extras">Derived facts (principal id, issuer, …) that tools may show.</param>
public sealed record RuntimeAuthState(
    string Scheme,
    string? AccessToken,
    ImmutableDictionary<string, object?> Claims,
    ImmutableDictionary<string, string> Extras)
{
    /// <summary>Creates an auth state with no claims and no extras.</summary>
    public static RuntimeAuthState Create(string scheme, string? accessToken = null) =>
        new(scheme, accessToken, ImmutableDictionary<string, object?>.Empty, ImmutableDictionary<string, string>.Empty);

    /// <summary>The token never appears in diagnostics output.</summary>
    public override string ToString() =>
        $"RuntimeAuthState {{ Scheme = {Scheme}, AccessToken = {(AccessToken is null ? "<none>" : "<redacted>")}, Claims = {Claims.Count}, Extras = {Extras.Count} }}";
}
