using System.Net;
using System.Net.Sockets;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Testing.Processes;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Processes;

/// <summary>The kit's launcher: no port is handed to a child that another process can take first.</summary>
public sealed class ServerProcessLauncherTests
{
    [Fact]
    public async Task The_http_address_is_the_one_the_server_bound_and_reported()
    {
        await using var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http());

        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.Contains(server.OutputLines.Lines, line => line.Contains($"Now listening on: http://127.0.0.1:{server.Port}", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var ready = await http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_silo_port_taken_before_the_server_binds_it_is_replaced_by_a_fresh_one()
    {
        using var squatter = Squat();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = 0;
        var options = ServerProcessDefaults.Http() with { PickSiloPort = () => Interlocked.Increment(ref picks) == 1 ? taken : FreePort.Next() };

        await using var server = await ServerProcess.StartReadyAsync(options);

        Assert.Equal(2, picks);
        Assert.NotEqual(taken, server.SiloPort);
    }

    [Fact]
    public async Task A_silo_port_that_stays_taken_fails_the_start_with_port_in_use_after_the_last_attempt()
    {
        using var squatter = Squat();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = 0;
        var options = ServerProcessDefaults.Http() with { PickSiloPort = () => { Interlocked.Increment(ref picks); return taken; } };

        var refused = await Assert.ThrowsAsync<PortInUseException>(() => ServerProcess.StartReadyAsync(options));

        Assert.Equal(PortRetry.Attempts, picks);
        Assert.Contains("exited with 1 before it was ready", refused.Message);
    }

    [Theory]
    [InlineData("Cluster__SiloPort")]
    [InlineData("Kestrel__Endpoints__Http__Url")]
    public void A_caller_cannot_hand_the_child_a_port_of_its_own(string variable)
    {
        var options = ServerProcessDefaults.Http(new Dictionary<string, string?> { [variable] = "12345" });

        var refused = Assert.Throws<ArgumentException>(() => ServerProcess.Start(options));

        Assert.Contains(variable, refused.Message);
    }

    /// <summary>Holds a loopback port, as another process on the machine might between a test's pick and the child's bind.</summary>
    private static TcpListener Squat()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}
