namespace QuiltMcp.Orleans.Api.Quilt3;

public static class Quilt3ServiceCollectionExtensions
{
    /// <summary>Registers the quilt3 package registry on S3 (the rest of the format is static code).</summary>
    public static IServiceCollection AddQuilt3Packages(this IServiceCollection services)
    {
        services.AddSingleton<PackageRegistry>();
        return services;
    }
}
