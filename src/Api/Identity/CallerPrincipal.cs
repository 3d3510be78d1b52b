using System.Security.Claims;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// The ASP.NET Core user of an authenticated request, carrying its <see cref="Caller"/>. The MCP SDK hands this
/// user to every message the request delivers, so the caller reaches the MCP handlers with the message itself,
/// whatever execution context the SDK runs them in.
/// </summary>
public sealed class CallerPrincipal : ClaimsPrincipal
{
    public CallerPrincipal(Caller caller, ClaimsIdentity identity)
        : base(identity)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Caller = caller;
    }

    public Caller Caller { get; }

    /// <summary>The same user acting for a changed caller (a role selected after authentication).</summary>
    public CallerPrincipal With(Caller caller) => new(caller, (ClaimsIdentity)Identity!);
}
