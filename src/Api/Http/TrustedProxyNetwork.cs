using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// One entry of <c>Http:TrustedProxies</c>: an IP address (one host) or a CIDR block such as <c>10.0.0.0/16</c>.
/// Strict on purpose: <c>IPAddress</c> and <c>IPNetwork</c> parsing also read "10", "10.1" or "10.0.0.1/16", none of
/// which says clearly which peers are trusted.
/// </summary>
public static class TrustedProxyNetwork
{
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        var parts = (entry ?? string.Empty).Trim().Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address) || !IsCanonical(parts[0], address))
        {
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = width;
        if (parts.Length == 2
            && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > width))
        {
            return false;
        }

        // A block whose address has host bits set (10.0.0.1/16) is refused rather than guessed at.
        if (!address.Equals(Masked(address, prefix)))
        {
            return false;
        }

        network = new IPNetwork(address, prefix);
        return true;
    }

    /// <summary>IPv4 only as a dotted quad (10.0.3.7, not 10.3.7 or 012.0.3.7); IPv6 in any of its usual spellings.</summary>
    private static bool IsCanonical(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':', StringComparison.Ordinal) : address.ToString() == text;

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            // Stryker disable once Bitwise: >> and >>> agree on a positive int (an equivalent mutant).
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
