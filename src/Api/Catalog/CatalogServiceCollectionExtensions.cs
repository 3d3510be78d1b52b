namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>Registers <see cref="ICatalogClient"/>, the tabulator and admin readers, and their options.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.SectionName))
            .PostConfigure(catalog =>
            {
                if (string.IsNullOrWhiteSpace(catalog.GraphQlUrl))
                {
                    var root = FirstSet(configuration[CatalogOptions.RegistryUrlVariable], configuration["Server:CatalogUrl"]);
                    catalog.GraphQlUrl = root is null ? null : root.TrimEnd('/') + "/graphql";
                }

                catalog.DesktopAccessToken = FirstSet(catalog.DesktopAccessToken, configuration[CatalogOptions.DesktopAccessTokenVariable]);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddHttpClient<CatalogGraphQlEndpoint>();
        services.AddTransient<ICatalogClient, CatalogGraphQlClient>();
        services.AddTransient<Tabulator.CatalogTabulatorReader>();
        services.AddTransient<Admin.CatalogAdminReader>();
        services.AddTransient<Search.CatalogSearchClient>();
        return services;
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
