using System.Net;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// One entry of <c>Http:AllowedHosts</c> in the form ASP.NET Core's <c>HostString.MatchesAny</c> compares: a
/// lower-case DNS name, <c>*.</c> followed by one (any subdomain, not the parent), an IPv4 address or a
/// bracketed IPv6 address. No scheme, port or path, and never a bare <c>*</c>, which would allow every host.
/// </summary>
public static class AllowedHostPattern
{
    private const string SubdomainWildcard = "*.";

    /// <summary>The pattern for <paramref name="entry"/>, or false when it is not a host name or address.</summary>
    public static bool TryParse(string? entry, out string pattern)
    {
        pattern = string.Empty;
        var candidate = entry?.Trim().ToLowerInvariant() ?? string.Empty;
        var wildcard = candidate.StartsWith(SubdomainWildcard, StringComparison.Ordinal);
        var host = wildcard ? candidate[SubdomainWildcard.Length..] : candidate;
        // Stryker disable once Conditional: Uri.CheckHostName("") is Unknown too; the test only spares the call.
        switch (host.Length == 0 ? UriHostNameType.Unknown : Uri.CheckHostName(host))
        {
            case UriHostNameType.Dns:
                pattern = candidate;
                return true;
            case UriHostNameType.IPv4 when !wildcard:
                pattern = host;
                return true;
            case UriHostNameType.IPv6 when !wildcard && IPAddress.TryParse(host.Trim('[', ']'), out var address):
                // Host headers carry IPv6 literals in brackets; compare in the same shape.
                pattern = "[" + address + "]";
                return true;
            default:
                return false;
        }
    }
}
