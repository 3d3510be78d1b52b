using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Testing.Oidc;
using QuiltMcp.Orleans.Testing.Tokens;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// Bearer token validation as the server does it (<see cref="AccessTokenValidator"/>: parse, issuer, key lookup,
/// signature, audience, lifetime, claims decoding), and the per-request cost when the token is already in
/// <see cref="ValidatedTokenCache"/>: what the authentication handler pays for a token it has seen.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Secret = "micro-benchmark-secret-0123456789abcdef";

    private DirectHttpClientFactory _httpClients = null!;
    private const string Audience = "bench-audience";

    private readonly TestSigningKey _signingKey = TestSigningKey.Rsa("bench-rsa-1");
    private OidcIssuerServer _oidc = null!;
    private AccessTokenValidator _validator = null!;
    private ValidatedTokenCache _cache = null!;
    private string _hs256 = null!;
    private string _rs256 = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        // The kit's OIDC issuer, so RS256 validation runs through the server's real key fetch and cache.
        _oidc = await OidcIssuerServer.StartAsync("/bench", https: false);
        _oidc.PublishKeys(_signingKey.ToJwk());
        _httpClients = new DirectHttpClientFactory();
        var options = new AuthOptions
        {
            Quilt = new QuiltTokenOptions { Secret = Secret },
            OidcIssuers = [new OidcIssuerOptions { Issuer = _oidc.Issuer, Audiences = [Audience] }],
            RequireHttpsMetadata = false,
        };
        _validator = new AccessTokenValidator(Options.Create(options), _httpClients, TimeProvider.System, NullLogger<AccessTokenValidator>.Instance);
        _hs256 = DevelopmentTokens.Issue(Secret, "bench-user", ["bench-bucket-a", "bench-bucket-b"]);
        var claims = TestJwt.Payload(_oidc.Issuer, Audience, "bench-user", DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        claims["scope"] = "public:read";
        _rs256 = _signingKey.Sign(claims);

        // Fetch the JWKS once, so the benchmark measures warm validation, and fail loudly if either token is refused.
        foreach (var token in new[] { _hs256, _rs256 })
        {
            var outcome = await _validator.ValidateAsync(token);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException("benchmark token refused: " + outcome.Reason);
            }
        }

        _cache = new ValidatedTokenCache(TimeProvider.System, Options.Create(new AuthOptions()));
        var validated = (await _validator.ValidateAsync(_hs256)).Token!;

        // The benchmark never calls the grain; the handler looks it up once per token.
        _cache.Add(_hs256, new AuthenticatedCaller(validated, new System.Security.Claims.ClaimsIdentity("bench"), grain: null!));
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _cache.Dispose();
        _httpClients.Dispose();
        await _oidc.DisposeAsync();
        _signingKey.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> ValidateHs256() => (await _validator.ValidateAsync(_hs256)).Succeeded;

    [Benchmark]
    public async Task<bool> ValidateRs256() => (await _validator.ValidateAsync(_rs256)).Succeeded;

    /// <summary>A cache hit plus the request's caller and user: the handler's work per request for a known token.</summary>
    [Benchmark]
    public CallerPrincipal? CachedTokenPerRequest() =>
        _cache.TryGet(_hs256, out var caller) ? caller!.UserFor(_hs256, _origin) : null;

    private readonly RequestOrigin _origin = RequestOrigin.FromHttp(new DefaultHttpContext { TraceIdentifier = "0HN7BENCH:00000001" });
}
