namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

public static class PackageCopyingServiceCollectionExtensions
{
    /// <summary>The copy mode of the package write tools and its <c>Packages</c> settings, checked at start-up.</summary>
    public static IServiceCollection AddPackageCopying(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PackageCopyOptions>().Bind(configuration.GetSection(PackageCopyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PackageCopyOptions>, PackageCopyOptionsValidator>();
        services.AddSingleton<PackageDataCopier>();
        return services;
    }
}
