using System.Net;
using Orleans;
using Orleans.Runtime;

namespace QuiltMcp.Orleans.Clustering.Tests.Membership;

/// <summary>Membership rows as a silo writes them, each with an address no other test uses.</summary>
public static class MembershipEntries
{
    private static int _nextPort = 20000;

    public static DateTime UtcNowSeconds()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    public static MembershipEntry New(SiloStatus status = SiloStatus.Joining, int proxyPort = 0, DateTime? iAmAlive = null)
    {
        var port = Interlocked.Increment(ref _nextPort);
        var silo = SiloAddress.New(IPAddress.Parse("10.0.1." + (port % 250 + 1)), port, SiloAddress.AllocateNewGeneration());
        var now = UtcNowSeconds();
        return new MembershipEntry
        {
            SiloAddress = silo,
            Status = status,
            ProxyPort = proxyPort,
            HostName = "ip-10-0-1-" + port,
            SiloName = "silo-" + port,
            RoleName = "quilt-mcp",
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = now.AddMinutes(-1),
            IAmAliveTime = iAmAlive ?? now,
            SuspectTimes = [],
        };
    }
}
