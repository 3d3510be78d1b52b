using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Registers the S3 client factory and the gateway the data tools open S3 through, with the <c>S3</c> section and the
/// <c>Development</c> section's local S3.
/// </summary>
public static class S3ServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltS3(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<S3Options>().Bind(configuration.GetSection(S3Options.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3Options>, S3OptionsValidator>();
        services.AddQuiltDevelopmentOptions(configuration);
        services.AddSingleton<S3ClientFactory>();
        services.AddSingleton<S3Gateway>();
        return services;
    }
}
