using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>Start-up refusals: the process must not come up insecure, and must say which setting is wrong.</summary>
public sealed class AuthOptionsValidationTests
{
    private const string StrongSecret = "a-production-grade-secret-0123456789-xyz";

    private static AuthOptions WithSecret(string? secret) => new() { Quilt = { Secret = secret } };

    private static IReadOnlyList<string> Failures(AuthOptions options, bool isProduction)
    {
        var result = new AuthOptionsValidator(isProduction).Validate(Options.DefaultName, options);
        return result.Failed ? result.Failures.ToArray() : [];
    }

    [Fact]
    public void A_strong_secret_passes_in_production()
    {
        Assert.Empty(Failures(WithSecret(StrongSecret), isProduction: true));
    }

    [Fact]
    public void Production_refuses_a_missing_secret_naming_the_setting_and_its_environment_variable()
    {
        var failure = Assert.Single(Failures(WithSecret(null), isProduction: true));

        Assert.Contains("Auth:Quilt:Secret", failure);
        Assert.Contains("MCP_ENHANCED_JWT_SECRET", failure);
    }

    [Fact]
    public void Production_refuses_the_well_known_development_secret_which_development_accepts()
    {
        var failure = Assert.Single(Failures(WithSecret(QuiltTokenDefaults.DevelopmentSecret), isProduction: true));

        Assert.Contains("development secret", failure);
        Assert.Empty(Failures(WithSecret(QuiltTokenDefaults.DevelopmentSecret), isProduction: false));
    }

    [Fact]
    public void Production_refuses_a_secret_shorter_than_32_bytes_and_development_only_below_16()
    {
        var twentyBytes = new string('s', 20);

        Assert.Contains("at least 32", Assert.Single(Failures(WithSecret(twentyBytes), isProduction: true)));
        Assert.Empty(Failures(WithSecret(twentyBytes), isProduction: false));
        Assert.Contains("at least 16", Assert.Single(Failures(WithSecret("short"), isProduction: false)));
        Assert.Empty(Failures(WithSecret(new string('s', 32)), isProduction: true));
    }

    [Fact]
    public void Production_refuses_anonymous_access_which_development_allows()
    {
        var options = WithSecret(StrongSecret);
        options.AllowAnonymous = true;

        Assert.Contains("Auth:AllowAnonymous", Assert.Single(Failures(options, isProduction: true)));
        Assert.Empty(Failures(options, isProduction: false));
    }

    [Fact]
    public void Production_refuses_plain_http_metadata()
    {
        var options = WithSecret(StrongSecret);
        options.RequireHttpsMetadata = false;

        Assert.Contains("Auth:RequireHttpsMetadata", Assert.Single(Failures(options, isProduction: true)));
    }

    [Fact]
    public void Every_rotation_key_is_checked_and_duplicate_kids_are_refused()
    {
        var options = WithSecret(StrongSecret);
        options.Quilt.Keys.Add(new QuiltSigningKey { Kid = "old", Secret = QuiltTokenDefaults.DevelopmentSecret });
        options.Quilt.Keys.Add(new QuiltSigningKey { Kid = QuiltTokenDefaults.KeyId, Secret = StrongSecret });

        var failures = Failures(options, isProduction: true);

        Assert.Contains(failures, failure => failure.StartsWith("Auth:Quilt:Keys:0", StringComparison.Ordinal) && failure.Contains("development secret"));
        Assert.Contains(failures, failure => failure.Contains($"Kid '{QuiltTokenDefaults.KeyId}' is configured twice"));
    }

    [Fact]
    public void Quilt_keys_are_not_required_when_Quilt_tokens_are_disabled_and_an_OIDC_issuer_is_trusted()
    {
        var options = new AuthOptions { Quilt = { Enabled = false } };
        Assert.Contains("no token issuer is trusted", Assert.Single(Failures(options, isProduction: true)));

        options.OidcIssuers.Add(new OidcIssuerOptions
        {
            Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example",
            Audiences = ["client-1"],
            TokenUses = [CognitoTokenUses.Access],
        });
        Assert.Empty(Failures(options, isProduction: true));
    }

    [Fact]
    public void OIDC_issuer_settings_are_checked()
    {
        var options = WithSecret(StrongSecret);
        options.OidcIssuers.Add(new OidcIssuerOptions { Issuer = "http://issuer.example", Audiences = [], TokenUses = ["refresh"] });
        options.OidcIssuers.Add(new OidcIssuerOptions { Issuer = QuiltTokenDefaults.Issuer, Audiences = ["a"] });

        var failures = Failures(options, isProduction: true);

        Assert.Contains(failures, failure => failure.StartsWith("Auth:OidcIssuers:0:Issuer", StringComparison.Ordinal) && failure.Contains("https"));
        Assert.Contains(failures, failure => failure.StartsWith("Auth:OidcIssuers:0:Audiences", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Auth:OidcIssuers:0:TokenUses 'refresh'", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("is also Auth:Quilt:Issuer"));
    }

    [Fact]
    public void Limits_out_of_range_are_refused()
    {
        var options = WithSecret(StrongSecret);
        options.ClockSkew = TimeSpan.FromMinutes(30);
        options.MaxTokenBytes = 10;
        options.JwksMinimumRefetchInterval = TimeSpan.Zero;

        var failures = Failures(options, isProduction: false);

        Assert.Contains(failures, failure => failure.StartsWith("Auth:ClockSkew", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Auth:MaxTokenBytes", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Auth:JwksMinimumRefetchInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        var options = WithSecret(StrongSecret);
        options.Quilt.Keys.Add(new QuiltSigningKey { Kid = "k2", Secret = "another-secret-value-0123456789-abcdef" });

        Assert.DoesNotContain(StrongSecret, options.Quilt.ToString());
        Assert.DoesNotContain("another-secret-value", options.Quilt.Keys[0].ToString());
        Assert.Contains("k2", options.Quilt.Keys[0].ToString());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Host_start_fails_outside_development_without_a_secret(string environment)
    {
        using var host = BuildHost(environment, new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MCP_ENHANCED_JWT_SECRET", error.Message);
    }

    [Fact]
    public async Task Host_start_fails_in_production_with_the_development_secret_from_the_legacy_variable()
    {
        using var host = BuildHost("Production", new Dictionary<string, string?>(),
            new Dictionary<string, string> { ["MCP_ENHANCED_JWT_SECRET"] = QuiltTokenDefaults.DevelopmentSecret });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("development secret", error.Message);
    }

    [Fact]
    public async Task Development_without_a_secret_uses_the_development_secret_so_dev_tokens_validate()
    {
        using var host = BuildHost("Development", new Dictionary<string, string?>());
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var token = host.Services.GetRequiredService<DevelopmentTokenIssuer>().Issue(new DevelopmentTokenRequest { Subject = "dev" });
        var outcome = await host.Services.GetRequiredService<IAccessTokenValidator>().ValidateAsync(token);

        Assert.Equal(QuiltTokenDefaults.DevelopmentSecret, Assert.Single(options.Quilt.EffectiveKeys).Secret);
        Assert.True(outcome.Succeeded, outcome.Reason);
        await host.StopAsync();
    }

    [Fact]
    public async Task Legacy_environment_variables_set_the_single_key_and_its_kid()
    {
        using var host = BuildHost("Production", new Dictionary<string, string?>(), new Dictionary<string, string>
        {
            ["MCP_ENHANCED_JWT_SECRET"] = StrongSecret,
            ["MCP_ENHANCED_JWT_KID"] = "catalog-2025",
        });
        await host.StartAsync();

        var key = Assert.Single(host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Quilt.EffectiveKeys);
        var token = host.Services.GetRequiredService<DevelopmentTokenIssuer>().Issue(new DevelopmentTokenRequest { Subject = "svc" });
        var outcome = await host.Services.GetRequiredService<IAccessTokenValidator>().ValidateAsync(token);

        Assert.Equal("catalog-2025", key.Kid);
        Assert.Equal(StrongSecret, key.Secret);
        Assert.Equal("catalog-2025", TestJwt.ReadHeader(token).GetProperty("kid").GetString());
        Assert.True(outcome.Succeeded, outcome.Reason);
        await host.StopAsync();
    }

    [Fact]
    public void Single_key_without_kid_gets_the_catalog_default_kid()
    {
        var key = Assert.Single(WithSecret(StrongSecret).Quilt.EffectiveKeys);

        Assert.Equal(QuiltTokenDefaults.KeyId, key.Kid);
    }

    private static IHost BuildHost(string environment, Dictionary<string, string?> settings, Dictionary<string, string>? legacyEnvironment = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddLegacyEnvironmentVariables(new System.Collections.Hashtable(legacyEnvironment ?? []));
        builder.Logging.ClearProviders();
        builder.Services.AddQuiltTokenValidation(builder.Configuration);
        return builder.Build();
    }
}
