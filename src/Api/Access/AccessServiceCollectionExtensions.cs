namespace QuiltMcp.Orleans.Api.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers what decides access: tool scopes (<c>ToolScopes</c>) and the bucket grants of a token.</summary>
    public static IServiceCollection AddQuiltAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ToolScopeOptions.SectionName);
        services.AddOptions<ToolScopeOptions>()
            .Bind(section)
            .PostConfigure(options =>
            {
                // The admin scope applies to each admin tool whose own scope is not configured.
                foreach (var tool in ToolScopeOptions.AdminTools.Where(tool => !section.GetSection($"ToolScopes:{tool}").Exists()))
                {
                    options.ToolScopes[tool] = options.AdminScope;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ToolScopeOptions>, ToolScopeOptionsValidator>();
        services.AddSingleton<ToolAccessPolicy>();
        services.AddSingleton<BucketAccessPolicy>();
        return services;
    }
}
