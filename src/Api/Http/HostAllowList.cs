using System.Net;
using Microsoft.Extensions.Primitives;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// The host names this server answers for. A web page can make a browser send requests to the server under the
/// page's own name (DNS rebinding), so a Host outside this list is refused before anything else happens.
/// It holds <c>Http:AllowedHosts</c>, the host of <c>Auth:ProtectedResource:Resource</c>, and the loopback names
/// when the server listens on a loopback address or runs in Development.
/// </summary>
public sealed class HostAllowList
{
    /// <summary>The names a local client uses for a server on this machine; any port.</summary>
    public static readonly IReadOnlyList<string> LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private readonly List<StringSegment> _patterns;

    public HostAllowList(HttpOptions http, ServerOptions server, ProtectedResourceOptions resource, bool isDevelopment)
    {
        var patterns = ConfiguredHosts(http, resource).ToList();
        if (ListensOnLoopback(server.Address) || isDevelopment)
        {
            patterns.AddRange(LoopbackNames);
        }

        Patterns = [.. patterns.Distinct(StringComparer.Ordinal)];
        _patterns = [.. Patterns.Select(pattern => new StringSegment(pattern))];
    }

    /// <summary>Every allowed pattern, for messages and tests.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>True when the request's Host (port ignored) is allowed; a missing or malformed Host never is.</summary>
    public bool Allows(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        try
        {
            return HostString.MatchesAny(host.Value, _patterns);
        }
        catch (FormatException)
        {
            // A port that is not a number; Kestrel refuses most of these before they get here.
            return false;
        }
    }

    /// <summary>The hosts an operator configured: the explicit list and the public resource URL's host.</summary>
    public static IEnumerable<string> ConfiguredHosts(HttpOptions http, ProtectedResourceOptions resource)
    {
        foreach (var entry in http.AllowedHosts)
        {
            if (AllowedHostPattern.TryParse(entry, out var pattern))
            {
                yield return pattern;
            }
        }

        if (Uri.TryCreate(resource.Resource, UriKind.Absolute, out var uri) && AllowedHostPattern.TryParse(uri.Host, out var resourceHost))
        {
            yield return resourceHost;
        }
    }

    /// <summary>True for <c>localhost</c> and loopback addresses: only this machine can connect.</summary>
    public static bool ListensOnLoopback(string address)
    {
        var host = address.Trim().Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
