using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.EndToEnd.Tests.Sessions;
using QuiltMcp.Orleans.Silo.Clustering.Tls;
using QuiltMcp.Orleans.Silo.Hosting;
using Xunit.Abstractions;
using SiloStatus = global::Orleans.Runtime.SiloStatus;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Tls;

/// <summary>
/// Real quilt-mcp processes on loopback with Cluster:Tls on, clustered through dynalite: a call crosses the TLS silo
/// connection to the grain on the other process, and processes without the cluster certificate cannot join.
/// </summary>
public sealed class SiloTlsClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Bounds waits for things that should happen within seconds; reaching it fails the test.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    private readonly X509Certificate2 _clusterCertificate = TestCertificates.CreateSelfSigned();
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(new Dictionary<string, string?>
    {
        ["Cluster__Tls__Enabled"] = "true",
        ["Cluster__Tls__Certificate"] = TestCertificates.ToBase64Pfx(_clusterCertificate),
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _clusterCertificate.Dispose();
    }

    [Fact]
    public async Task A_tls_cluster_serves_calls_across_processes_and_refuses_peers_without_its_certificate()
    {
        await _cluster.StartAsync(2);
        await AssertServesAcrossProcessesAsync("before");
        // Members with the same certificate connect without a single refusal or failed handshake.
        Assert.DoesNotContain(GoodLines(), line => line.Contains("Refused a silo connection", StringComparison.Ordinal)
            || line.Contains("Authentication failed", StringComparison.Ordinal));

        using var otherCertificate = TestCertificates.CreateSelfSigned();
        await using var impostor = ServerProcess.Start(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__Certificate"] = TestCertificates.ToBase64Pfx(otherCertificate),
        }));
        await using var plaintext = ServerProcess.Start(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__Enabled"] = "false",
        }));

        // The cluster says why it refused each: the impostor's certificate by thumbprint, the plaintext peer's handshake.
        var impostorThumbprint = CertificateThumbprint.Of(otherCertificate);
        await Eventually.TrueAsync(
            () => GoodLines().Any(line => line.Contains("Refused a silo connection", StringComparison.Ordinal)
                && line.Contains(impostorThumbprint, StringComparison.Ordinal)),
            HangGuard,
            "a member logging the impostor's certificate refused");
        await Eventually.TrueAsync(
            () => GoodLines().Any(line => line.Contains("TlsServerConnectionMiddleware", StringComparison.Ordinal)
                && line.Contains("Authentication failed", StringComparison.Ordinal)),
            HangGuard,
            "a member logging a failed TLS handshake");

        // Neither stranger ever becomes Active: the members vote it Dead and it stops itself.
        var strangers = new[] { impostor, plaintext };
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var stranger in strangers)
                {
                    Assert.NotEqual(SiloStatus.Active, await _cluster.MembershipStatusAsync(stranger.SiloPort!.Value));
                }

                return strangers.All(stranger => stranger.Process.HasExited);
            },
            TimeSpan.FromMinutes(3),
            "both strangers giving up");
        foreach (var stranger in strangers)
        {
            Assert.NotEqual(0, stranger.Process.ExitCode);
            Assert.NotEqual(SiloStatus.Active, await _cluster.MembershipStatusAsync(stranger.SiloPort!.Value));
            // Orleans ends a silo the cluster declared Dead (exit 134); its first stderr lines say why.
            output.WriteLine($"stranger on silo port {stranger.SiloPort}: exit {stranger.Process.ExitCode}; stderr begins:");
            foreach (var line in stranger.ErrorLines.Lines.Take(2))
            {
                output.WriteLine(line.Length > 400 ? line[..400] : line);
            }
        }

        // The members kept their places and keep serving each other.
        foreach (var member in _cluster.Servers)
        {
            Assert.Equal(SiloStatus.Active, await _cluster.MembershipStatusAsync(member.SiloPort!.Value));
        }

        await AssertServesAcrossProcessesAsync("after");
    }

    [Fact]
    public async Task During_a_rotation_a_process_with_the_new_certificate_joins_members_that_accept_it()
    {
        // Step 2 of the rotation in docs/operations.md: the member still presents the old certificate and accepts the new
        // one; the newcomer presents the new certificate and accepts the old one.
        using var next = TestCertificates.CreateSelfSigned("quilt-mcp-cluster-next");
        await using var member = await ServerProcess.StartReadyAsync(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__AcceptedThumbprints__0"] = CertificateThumbprint.Of(next),
        }));
        await using var newcomer = await ServerProcess.StartReadyAsync(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__Certificate"] = TestCertificates.ToPem(next),
            ["Cluster__Tls__AcceptedThumbprints__0"] = CertificateThumbprint.Of(_clusterCertificate),
        }));

        await Eventually.TrueAsync(
            async () => await _cluster.MembershipStatusAsync(newcomer.SiloPort!.Value) == SiloStatus.Active,
            HangGuard,
            "the newcomer Active");
        await AssertServesAcrossProcessesAsync("rotation", [member, newcomer]);
        Assert.DoesNotContain(member.OutputLines.Lines.Concat(newcomer.OutputLines.Lines), line => line.Contains("Refused a silo connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_on_without_a_certificate_stops_the_start_with_exit_code_2_naming_the_setting()
    {
        await using var server = ServerProcess.Start(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__Certificate"] = "",
        }));

        Assert.Equal(ServerLauncher.ExitConfigurationError, await server.WaitForExitAsync(HangGuard));
        var last = await server.ErrorLines.WaitForAsync(line => line.StartsWith("quilt-mcp:", StringComparison.Ordinal), CancellationToken.None);
        Assert.StartsWith(
            "quilt-mcp: configuration error: Cluster:Tls:Certificate (Cluster__Tls__Certificate) is required when Cluster:Tls:Enabled is true",
            last);
    }

    [Fact]
    public async Task An_expired_certificate_stops_the_start_with_exit_code_2_naming_the_setting()
    {
        using var expired = TestCertificates.CreateSelfSigned(notBefore: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1));
        await using var server = ServerProcess.Start(_cluster.OptionsWith(new Dictionary<string, string?>
        {
            ["Cluster__Tls__Certificate"] = TestCertificates.ToPem(expired),
        }));

        Assert.Equal(ServerLauncher.ExitConfigurationError, await server.WaitForExitAsync(HangGuard));
        var last = await server.ErrorLines.WaitForAsync(line => line.StartsWith("quilt-mcp:", StringComparison.Ordinal), CancellationToken.None);
        Assert.StartsWith("quilt-mcp: configuration error: Cluster:Tls:Certificate (Cluster__Tls__Certificate) expired at ", last);
        Assert.DoesNotContain("PRIVATE KEY", string.Join('\n', server.ErrorLines.Lines.Concat(server.OutputLines.Lines)));
    }

    private IEnumerable<string> GoodLines() => _cluster.Servers.SelectMany(server => server.OutputLines.Lines);

    /// <summary>
    /// A principal grain has one activation in the whole cluster. Each new user's grain is activated by a call entering
    /// the first process (Orleans places it where it likes, usually locally); the next call for that user enters by the
    /// process that does not hold the grain, so it is served across the TLS silo connection, and must be served by the
    /// same activation.
    /// </summary>
    private Task AssertServesAcrossProcessesAsync(string label) => AssertServesAcrossProcessesAsync(label, _cluster.Servers);

    private async Task AssertServesAcrossProcessesAsync(string label, IReadOnlyList<ServerProcess> servers)
    {
        var clients = servers.Select(server => new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        try
        {
            for (var user = 0; user < 3; user++)
            {
                var token = TestTokens.Issue($"tls-{label}-{user}");
                var holder = await ServedByAsync(clients[0], token, user);
                var other = Array.FindIndex(servers.ToArray(), server => !holder.Contains($":{server.SiloPort}:", StringComparison.Ordinal));
                Assert.True(other >= 0, $"{holder} is not one of the cluster's processes");

                Assert.Equal(holder, await ServedByAsync(clients[other], token, user));
                output.WriteLine($"{label}: user {user}'s grain on {holder} served a call entering by process {other}");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        async Task<string> ServedByAsync(HttpClient http, string token, int user)
        {
            using var response = await McpHttpTests.PostAsync(http, null,
                McpHttpTests.StatelessCall(user).Replace("auth_status", "get_user_info", StringComparison.Ordinal),
                request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = (await McpHttpTests.ReadJsonRpcAsync(response)).GetProperty("result");
            Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
            var content = result.GetProperty("structuredContent");
            Assert.Equal($"jwt|quilt-frontend|tls-{label}-{user}", content.GetProperty("principal_id").GetString());
            return content.GetProperty("served_by").GetString()!;
        }
    }
}
