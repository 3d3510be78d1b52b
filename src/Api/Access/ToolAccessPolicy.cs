using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Access;

/// <summary>Decides whether a caller may see and call a tool.</summary>
public sealed class ToolAccessPolicy(IOptionsMonitor<ToolScopeOptions> options)
{
    public AccessDecision Decide(string tool, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // The desktop user runs the server for themselves with their own AWS identity; scopes are a web concept.
        if (caller.IsDesktop)
        {
            return AccessDecision.Allow("desktop user");
        }

        if (!options.CurrentValue.ToolScopes.TryGetValue(tool, out var scope))
        {
            return AccessDecision.Deny($"tool '{tool}' has no scope mapping and is refused by default");
        }

        if (string.IsNullOrWhiteSpace(scope))
        {
            return AccessDecision.Allow("no scope required");
        }

        var scopes = caller.Claims?.Scopes ?? [];
        return scopes.Contains(scope, StringComparer.Ordinal)
            ? AccessDecision.Allow($"scope '{scope}' granted")
            : AccessDecision.Deny($"tool '{tool}' requires scope '{scope}'");
    }

    /// <summary>Every scope some tool requires, for the protected resource metadata and 401 challenges.</summary>
    public IReadOnlyList<string> SupportedScopes() =>
        options.CurrentValue.ToolScopes.Values
            .Where(scope => !string.IsNullOrWhiteSpace(scope))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
