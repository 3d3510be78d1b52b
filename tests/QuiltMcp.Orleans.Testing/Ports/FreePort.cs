using System.Net;
using System.Net.Sockets;

namespace QuiltMcp.Orleans.Tests.Shared;

/// <summary>Hands out loopback ports that were free a moment ago, never the same one twice in a test run.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
