namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>One process behind the <see cref="RoundRobinRouter"/>, with the connection pool the router reaches it through.</summary>
/// <param name="Server">The process.</param>
/// <param name="Http">Keep-alive connections to it, as a load balancer keeps them to a target.</param>
public sealed record RoutedTarget(ServerProcess Server, HttpClient Http)
{
    /// <summary>The HTTP port: names the process in figures and failures.</summary>
    public int Port => Server.Port;
}
