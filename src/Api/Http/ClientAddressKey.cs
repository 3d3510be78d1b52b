using System.Net;
using System.Net.Sockets;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// The rate-limit key of a client address. An IPv6 host usually owns a whole /64 and can rotate through it at
/// will, so IPv6 clients are keyed by their /64 prefix; IPv4 (also when mapped into IPv6) by the address.
/// </summary>
public static class ClientAddressKey
{
    private const int Ipv6HostPrefixBytes = 8;

    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6HostPrefixBytes, bytes.Length - Ipv6HostPrefixBytes);
        return new IPAddress(bytes) + "/64";
    }
}
