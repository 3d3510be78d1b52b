using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Grains;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// A warm principal grain in a silo co-hosted in this process, as the server runs it: the front end calls the
/// grain through the host's <see cref="IGrainFactory"/>, no network hop. Measures the snapshot read (what
/// get_user_info does) and Identify (what a token cache miss does).
/// </summary>
[MemoryDiagnoser]
public class PrincipalGrainBenchmarks
{
    private IHost _host = null!;
    private IPrincipalGrain _grain = null!;
    private PrincipalClaims _claims = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var siloPort = FreeLoopbackPort();
        _host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleans(silo => silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0, serviceId: "bench", clusterId: "bench").AddQuiltGrains())
            .ConfigureServices(services => services.AddSingleton(TimeProvider.System).AddSingleton<IRoleAssumer, NoRoleAssumer>())
            .Build();
        await _host.StartAsync();

        _claims = new PrincipalClaims
        {
            Subject = "bench-user",
            Issuer = "quilt-frontend",
            Scopes = ["public:read"],
            Buckets = ["bench-bucket-a", "bench-bucket-b"],
            IssuedAt = DateTimeOffset.UtcNow,
        };
        _grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPrincipalGrain>(PrincipalKeys.ForToken("quilt-frontend", "bench-user"));
        await _grain.IdentifyAsync(_claims);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<PrincipalSnapshot> SnapshotWarm() => _grain.GetSnapshotAsync();

    [Benchmark]
    public Task<PrincipalSnapshot> IdentifyWarm() => _grain.IdentifyAsync(_claims);

    /// <summary>The benchmarks never ask for credentials; the principal grain still needs a role assumer to activate.</summary>
    private sealed class NoRoleAssumer : IRoleAssumer
    {
        public Task<RoleCredentials> AssumeRoleAsync(RoleSessionRequest request, CancellationToken cancellationToken) =>
            throw new RoleAssumptionException("NotConfigured", "the benchmark host assumes no roles");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
