namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>Registers role selection for the HTTP front end.</summary>
public static class RoleServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltRoles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoleOptions>().Bind(configuration.GetSection(RoleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>();
        services.AddSingleton<RoleSelector>();
        return services;
    }
}
