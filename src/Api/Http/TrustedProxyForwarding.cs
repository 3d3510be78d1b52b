using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only from <c>Http:TrustedProxies</c>. Behind a load
/// balancer every peer is the balancer, so without this all clients would share one rate-limit allowance; believing
/// the headers from anyone would let each request pick its own address.
/// </summary>
public static class TrustedProxyForwarding
{
    /// <summary>
    /// The forwarded-headers middleware treats empty proxy lists as "trust every peer", so it is used only when
    /// proxies are configured, and then the framework's default (loopback) is replaced by exactly those.
    /// </summary>
    public static bool IsEnabled(HttpOptions http) => http.TrustedProxies.Count > 0;

    public static void Configure(ForwardedHeadersOptions forwarded, HttpOptions http)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // The load balancer appends the address it saw; only that last entry is the balancer's word, anything
        // before it came from the client.
        forwarded.ForwardLimit = 1;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in http.TrustedProxies)
        {
            if (TrustedProxyNetwork.TryParse(entry, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        }
    }
}
