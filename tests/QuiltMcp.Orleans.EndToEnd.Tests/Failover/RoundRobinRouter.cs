namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// The test's load balancer: each call goes to the next process in rotation, as an ALB's round robin does. Taking a
/// process out of rotation is what ALB deregistration does: no new calls go to it, calls already sent to it go on.
/// </summary>
public sealed class RoundRobinRouter : IDisposable
{
    /// <summary>Bounds one call that never returns; far above any recovery the tests expect.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly List<RoutedTarget> _inRotation = [];
    private readonly List<RoutedTarget> _everRouted = [];
    private int _next;

    public RoundRobinRouter(IEnumerable<ServerProcess> servers)
    {
        foreach (var server in servers)
        {
            Register(server);
        }
    }

    /// <summary>The next process in rotation.</summary>
    public RoutedTarget Next()
    {
        lock (_gate)
        {
            if (_inRotation.Count == 0)
            {
                throw new InvalidOperationException("No process is in rotation.");
            }

            _next = (_next + 1) % _inRotation.Count;
            return _inRotation[_next];
        }
    }

    /// <summary>Puts a ready process into rotation (a target that passed its health checks).</summary>
    public void Register(ServerProcess server)
    {
        var target = new RoutedTarget(server, new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = server.BaseUri,
            Timeout = CallTimeout,
        });
        lock (_gate)
        {
            _inRotation.Add(target);
            _everRouted.Add(target);
        }
    }

    /// <summary>Takes a process out of rotation: from now on no call is sent to it.</summary>
    public void Deregister(ServerProcess server)
    {
        lock (_gate)
        {
            if (_inRotation.RemoveAll(target => target.Server == server) != 1)
            {
                throw new InvalidOperationException($"The process on port {server.Port} was not in rotation.");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var target in _everRouted)
            {
                target.Http.Dispose();
            }
        }
    }
}
