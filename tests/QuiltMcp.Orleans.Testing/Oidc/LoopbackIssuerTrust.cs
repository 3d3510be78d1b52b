using Microsoft.Extensions.DependencyInjection;

namespace QuiltMcp.Orleans.Testing.Oidc;

/// <summary>
/// Lets a named HttpClient of the code under test reach <see cref="OidcIssuerServer"/>s over HTTPS: the primary
/// handler the application configured is kept (with its redirect and size rules) and only learns to trust
/// <see cref="LoopbackCertificate"/>. HTTPS stays required.
/// </summary>
public static class LoopbackIssuerTrust
{
    public static IServiceCollection TrustLoopbackCertificate(this IServiceCollection services, string httpClientName)
    {
        services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => LoopbackCertificate.Trust(handler));
        return services;
    }
}
