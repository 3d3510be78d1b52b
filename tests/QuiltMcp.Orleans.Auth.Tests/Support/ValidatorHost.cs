using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Auth.Tests.Support;

/// <summary>
/// The validator as the server gets it: configuration → <c>AddQuiltTokenValidation</c> → DI, with a fake clock
/// that starts at the real time (so tokens made "now" are valid) and can be moved by tests.
/// </summary>
internal sealed class ValidatorHost : IDisposable
{
    public const string QuiltKid = JoseTokenFixture.QuiltKid;
    public const string QuiltSecret = JoseTokenFixture.QuiltSecret;

    private readonly ServiceProvider _provider;

    private ValidatorHost(ServiceProvider provider, FakeTimeProvider time, FakeLogCollector logs)
    {
        _provider = provider;
        Time = time;
        Logs = logs;
    }

    /// <summary>Everything the validator logged.</summary>
    public FakeLogCollector Logs { get; }

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public IAccessTokenValidator Validator => _provider.GetRequiredService<IAccessTokenValidator>();

    public DevelopmentTokenIssuer TokenIssuer => _provider.GetRequiredService<DevelopmentTokenIssuer>();

    public AuthOptions Options => _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;

    /// <summary>Quilt key k1 plus <paramref name="settings"/>, in the given host environment.</summary>
    public static ValidatorHost Create(
        IDictionary<string, string?>? settings = null, string environment = "Development", bool withQuiltKey = true, bool trustLoopbackCertificate = true)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (withQuiltKey)
        {
            values["Auth:Quilt:Keys:0:Kid"] = QuiltKid;
            values["Auth:Quilt:Keys:0:Secret"] = QuiltSecret;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return Create(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), environment, trustLoopbackCertificate);
    }

    /// <param name="trustLoopbackCertificate">
    /// Whether the metadata HttpClient trusts the test issuers' certificate (as an operator's trust store would
    /// trust a real issuer's); HTTPS stays required either way.
    /// </param>
    public static ValidatorHost Create(IConfiguration configuration, string environment, bool trustLoopbackCertificate = true)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        var logs = new FakeLogCollector();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        services.AddSingleton<TimeProvider>(time);
        services.AddQuiltTokenValidation(configuration);
        if (trustLoopbackCertificate)
        {
            services.TrustLoopbackCertificate(AccessTokenValidator.MetadataHttpClientName);
        }

        return new ValidatorHost(services.BuildServiceProvider(), time, logs);
    }

    /// <summary>Settings for one OIDC issuer served over HTTPS by a test <see cref="OidcIssuerServer"/>.</summary>
    public static Dictionary<string, string?> OidcSettings(string issuer, string audience, params string[] tokenUses)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:OidcIssuers:0:Issuer"] = issuer,
            ["Auth:OidcIssuers:0:Audiences:0"] = audience,
        };
        for (var index = 0; index < tokenUses.Length; index++)
        {
            settings[$"Auth:OidcIssuers:0:TokenUses:{index}"] = tokenUses[index];
        }

        return settings;
    }

    public string QuiltToken(Action<Dictionary<string, object?>>? edit = null, string? kid = QuiltKid, string secret = QuiltSecret)
    {
        var payload = TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "alice", Now);
        edit?.Invoke(payload);
        return TestJwt.Encode(TestJwt.Header("HS256", kid), payload, TestJwt.Hs256(secret));
    }

    public void Dispose() => _provider.Dispose();

    private sealed class TestHostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "QuiltMcp.Orleans.Auth.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
