using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using QuiltMcp.Orleans.Silo.Clustering;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>
/// Desktop clients launch one stdio server per chat or window, often beside a development server. On the fixed
/// default silo port they would all collide, and every one after the first would fail to start. A stdio server on
/// localhost clustering is a cluster of one that nothing else dials, so unless <c>Cluster:SiloPort</c> is set it takes
/// a port the operating system picks.
/// </summary>
public static class LocalSiloPort
{
    public static void ChooseFreeUnlessSet(IConfiguration configuration)
    {
        var siloPort = $"{SiloHostingOptions.SectionName}:{nameof(SiloHostingOptions.SiloPort)}";
        var clustering = configuration[$"{SiloHostingOptions.SectionName}:{nameof(SiloHostingOptions.Clustering)}"];
        if (configuration[siloPort] is not null
            || (clustering is not null && !string.Equals(clustering, ClusteringModes.Localhost, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        configuration[siloPort] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
