namespace QuiltMcp.Orleans.Api.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers what decides access: tool scopes (<c>ToolScopes</c>) and the bucket grants of a token.</summary>
    public static IServiceCollection AddQuiltAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ToolScopeOptions>().Bind(configuration.GetSection(ToolScopeOptions.SectionName));
        services.AddSingleton<ToolAccessPolicy>();
        services.AddSingleton<BucketAccessPolicy>();
        return services;
    }
}
