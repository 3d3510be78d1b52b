using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>The transport checks in front of <c>/mcp</c>: body size, Host and Origin, forwarded client addresses, rate limits, CORS.</summary>
public static class HttpProtectionServiceCollectionExtensions
{
    public const string CorsPolicy = "mcp";

    public static IServiceCollection AddQuiltHttpProtections(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        services.AddSingleton<IValidateOptions<HttpOptions>>(provider => new AllowedHostsValidator(
            isProduction: !IsDevelopment(provider),
            provider.GetRequiredService<IOptions<ServerOptions>>(),
            provider.GetRequiredService<IOptions<ProtectedResourceOptions>>()));
        services.AddSingleton(provider => new HostAllowList(
            provider.GetRequiredService<IOptions<HttpOptions>>().Value,
            provider.GetRequiredService<IOptions<ServerOptions>>().Value,
            provider.GetRequiredService<IOptions<ProtectedResourceOptions>>().Value,
            IsDevelopment(provider)));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpOptions>>((forwarded, http) => TrustedProxyForwarding.Configure(forwarded, http.Value));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>(
            (kestrel, http) => kestrel.Limits.MaxRequestBodySize = http.Value.MaxRequestBodyBytes);
        services.AddMcpRateLimiting();

        // The CORS policy is built once from the same allow-list the origin check uses.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HttpOptions>>((cors, http) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. http.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "DELETE")
            .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id", "Retry-After")));
        return services;
    }

    private static bool IsDevelopment(IServiceProvider provider) => provider.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
}
