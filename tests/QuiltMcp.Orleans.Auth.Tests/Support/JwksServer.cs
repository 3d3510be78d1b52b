using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Auth.Tests.Support;

/// <summary>
/// A test OIDC issuer on a loopback Kestrel port: discovery document and JWKS, with the keys replaceable at run
/// time (rotation) and every request counted.
/// </summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _jwks = """{"keys":[]}""";
    private int _discoveryRequests;
    private int _jwksRequests;
    private int _otherRequests;

    private JwksServer(WebApplication app, int port)
    {
        _app = app;
        Issuer = $"http://127.0.0.1:{port}/pool";
    }

    /// <summary>The issuer URL, which is also where the discovery document lives.</summary>
    public string Issuer { get; }

    /// <summary>When set, the discovery document names this issuer instead (an issuer mix-up).</summary>
    public string? AdvertisedIssuer { get; set; }

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Requests for anything else, e.g. a <c>jku</c> URL a token pointed at.</summary>
    public int OtherRequests => Volatile.Read(ref _otherRequests);

    public string UnrelatedUrl => Issuer + "/attacker-jwks";

    /// <summary>How long the discovery endpoint waits before answering, to let a test cancel a fetch midway.</summary>
    public TimeSpan DiscoveryDelay { get; set; }

    /// <summary>When true, the JWKS endpoint answers 500, as an issuer in an outage does.</summary>
    public bool FailJwks { get; set; }

    public static async Task<JwksServer> StartAsync(params TestSigningKey[] keys)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new JwksServer(app, port);
        server.Publish(keys);

        app.MapGet("/pool/.well-known/openid-configuration", async (CancellationToken aborted) =>
        {
            Interlocked.Increment(ref server._discoveryRequests);
            if (server.DiscoveryDelay > TimeSpan.Zero)
            {
                await Task.Delay(server.DiscoveryDelay, aborted);
            }

            return Results.Content(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = server.AdvertisedIssuer ?? server.Issuer,
                ["jwks_uri"] = server.Issuer + "/.well-known/jwks.json",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            }), "application/json");
        });
        app.MapGet("/pool/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref server._jwksRequests);
            return server.FailJwks ? Results.StatusCode(500) : Results.Content(server._jwks, "application/json");
        });
        app.MapFallback((HttpContext _) =>
        {
            Interlocked.Increment(ref server._otherRequests);
            return Results.NotFound();
        });

        await app.StartAsync();
        return server;
    }

    /// <summary>Replaces the published key set, as an issuer does when it rotates keys.</summary>
    public void Publish(params TestSigningKey[] keys) => Publish(keys.Select(key => key.ToJwk()).ToArray());

    public void Publish(params Dictionary<string, object?>[] jwks) =>
        _jwks = JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = jwks });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
