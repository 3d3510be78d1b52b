using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuiltMcp.Orleans.Testing.Hosting;

namespace QuiltMcp.Orleans.Testing.Oidc;

/// <summary>
/// A test OIDC issuer on a loopback Kestrel port, over HTTPS with <see cref="LoopbackCertificate"/>: discovery
/// document and JWKS, the keys replaceable at run time (rotation), every request counted, and switches for the
/// failures a real issuer has (outage, slowness, a discovery document naming another issuer).
/// </summary>
public sealed class OidcIssuerServer : IAsyncDisposable
{
    private readonly string _path;
    private LoopbackEndpoint _endpoint = null!;
    private volatile string _jwks = """{"keys":[]}""";
    private int _discoveryRequests;
    private int _jwksRequests;
    private int _otherRequests;

    private OidcIssuerServer(string path) => _path = path;

    /// <summary>Scheme, address and port, e.g. <c>https://127.0.0.1:5123</c>.</summary>
    public string Origin => _endpoint.Url.GetLeftPart(UriPartial.Authority);

    /// <summary>The issuer URL, which is also where the discovery document lives.</summary>
    public string Issuer => Origin + _path;

    public string DiscoveryUrl => Issuer + "/.well-known/openid-configuration";

    public string JwksUrl => Issuer + "/.well-known/jwks.json";

    /// <summary>When set, the discovery document names this issuer instead (an issuer mix-up).</summary>
    public string? AdvertisedIssuer { get; set; }

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Requests for anything else, e.g. a <c>jku</c> or <c>x5u</c> URL a token pointed at.</summary>
    public int OtherRequests => Volatile.Read(ref _otherRequests);

    public int AllRequests => DiscoveryRequests + JwksRequests + OtherRequests;

    /// <summary>A URL on this server that is not the issuer's key set: bait for header-injected key URLs.</summary>
    public string UnrelatedUrl => Issuer + "/attacker-jwks";

    /// <summary>How long the discovery endpoint waits before answering, to let a test cancel a fetch midway.</summary>
    public TimeSpan DiscoveryDelay { get; set; }

    /// <summary>When true, the JWKS endpoint answers 500, as an issuer in an outage does.</summary>
    public bool FailJwks { get; set; }

    /// <param name="path">The issuer's path, e.g. a Cognito user pool id; several issuers can run side by side.</param>
    /// <param name="https">
    /// False serves plain HTTP: for tests of the HTTPS requirement itself, and for the token validation benchmark,
    /// which switches that requirement off to measure validation alone.
    /// </param>
    public static async Task<OidcIssuerServer> StartAsync(string path = "/pool", bool https = true)
    {
        var server = new OidcIssuerServer(path);
        server._endpoint = await LoopbackEndpoint.StartAsync(server.Map, https ? LoopbackCertificate.Certificate : null);
        return server;
    }

    private void Map(WebApplication app)
    {
        app.MapGet(_path + "/.well-known/openid-configuration", async (CancellationToken aborted) =>
        {
            Interlocked.Increment(ref _discoveryRequests);
            if (DiscoveryDelay > TimeSpan.Zero)
            {
                await Task.Delay(DiscoveryDelay, aborted);
            }

            return Results.Content(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = AdvertisedIssuer ?? Issuer,
                ["jwks_uri"] = JwksUrl,
                ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            }), "application/json");
        });
        app.MapGet(_path + "/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref _jwksRequests);
            return FailJwks ? Results.StatusCode(500) : Results.Content(_jwks, "application/json");
        });
        app.MapFallback((HttpContext _) =>
        {
            Interlocked.Increment(ref _otherRequests);
            return Results.NotFound();
        });
    }

    /// <summary>Replaces the published key set, as an issuer does when it rotates keys.</summary>
    public void Publish(JsonObject jwks) => _jwks = jwks.ToJsonString();

    /// <summary>Publishes these JWKs (objects serialized as JSON) as the key set.</summary>
    public void PublishKeys(params object[] jwks) =>
        _jwks = JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = jwks });

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
