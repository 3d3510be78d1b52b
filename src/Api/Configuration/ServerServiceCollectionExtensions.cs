using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Api.Configuration;

public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the server's own settings, validated at start: <c>Server</c> (name, version, transport, address) and
    /// <c>Development</c> (local shortcuts, refused outside the Development environment).
    /// </summary>
    public static IServiceCollection AddQuiltServerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        return services.AddQuiltDevelopmentOptions(configuration);
    }

    /// <summary>
    /// Registers the <c>Development</c> section, validated at start. Every capability that reads it calls this, so each
    /// can be composed on its own; the section is registered once however often it is called.
    /// </summary>
    public static IServiceCollection AddQuiltDevelopmentOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(IValidateOptions<DevelopmentOptions>)))
        {
            return services;
        }

        services.AddOptions<DevelopmentOptions>().Bind(configuration.GetSection(DevelopmentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevelopmentOptions>>(provider =>
        {
            var environment = provider.GetService<IHostEnvironment>();
            return new DevelopmentOptionsValidator(environment?.IsDevelopment() ?? false, environment?.EnvironmentName ?? Environments.Production);
        });
        return services;
    }
}
