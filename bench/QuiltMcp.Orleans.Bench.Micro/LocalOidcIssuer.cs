using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// An OIDC issuer on a loopback port chosen by the OS: discovery document and a JWKS with one RSA key, so RS256
/// validation runs through the server's real key fetch and cache rather than a key handed in directly.
/// </summary>
internal sealed class LocalOidcIssuer : IAsyncDisposable
{
    public const string KeyId = "bench-rsa-1";
    public const string Audience = "bench-audience";

    private readonly WebApplication _app;
    private readonly RSA _rsa;

    private LocalOidcIssuer(WebApplication app, RSA rsa, string issuer)
    {
        _app = app;
        _rsa = rsa;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<LocalOidcIssuer> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        // The documents name the issuer URL, which is known only once the OS picked the port: mapped first, filled after start.
        object? discovery = null;
        object? jwks = null;
        app.MapGet("/bench/.well-known/openid-configuration", () => Results.Json(discovery));
        app.MapGet("/bench/jwks", () => Results.Json(jwks));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var issuer = address.TrimEnd('/') + "/bench";

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        jwks = new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus!), e = Base64UrlEncoder.Encode(parameters.Exponent!) },
            },
        };
        discovery = new { issuer, jwks_uri = issuer + "/jwks", id_token_signing_alg_values_supported = new[] { "RS256" } };
        return new LocalOidcIssuer(app, rsa, issuer);
    }

    public string IssueToken(string subject, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = "public:read" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
