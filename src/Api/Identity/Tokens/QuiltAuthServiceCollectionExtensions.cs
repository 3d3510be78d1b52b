using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

public static class QuiltAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers bearer token validation: <see cref="AuthOptions"/> bound from <c>Auth</c> and validated at start,
    /// <see cref="IAccessTokenValidator"/> and <see cref="DevelopmentTokenIssuer"/> (singletons, so the JWKS cache
    /// is shared). Every environment except Development gets the production rules; without an
    /// <see cref="IHostEnvironment"/> registered, production is assumed.
    /// </summary>
    public static IServiceCollection AddQuiltTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(provider => new DevelopmentSecretFallback(IsDevelopment(provider)));
        services.AddSingleton<IValidateOptions<AuthOptions>>(provider => new AuthOptionsValidator(isProduction: !IsDevelopment(provider)));

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(AccessTokenValidator.MetadataHttpClientName)
            // Discovery documents and key sets are a few KB; a runaway response must not fill memory.
            .ConfigureHttpClient(client => client.MaxResponseContentBufferSize = 1024 * 1024)
            // A redirect could lead the key fetch off the configured issuer (or from https to http).
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<IAccessTokenValidator, AccessTokenValidator>();
        services.TryAddSingleton<DevelopmentTokenIssuer>();
        return services;
    }

    private static bool IsDevelopment(IServiceProvider provider) =>
        provider.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
}
