namespace QuiltMcp.Orleans.Api.Configuration;

public static class ServerServiceCollectionExtensions
{
    /// <summary>Registers the server's own settings (<c>Server</c>: name, version, transport, address), validated at start.</summary>
    public static IServiceCollection AddQuiltServerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        return services;
    }
}
