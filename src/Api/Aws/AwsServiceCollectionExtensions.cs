using Microsoft.Extensions.DependencyInjection.Extensions;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Registers role assumption for principal grains (<see cref="IRoleAssumer"/> over STS) and the
/// <see cref="IAwsCredentialsResolver"/> tools use. Needed wherever principal grains run and wherever tools run;
/// in this server both are the same process. STS calls are measured, so the host also registers telemetry
/// (<c>AddQuiltTelemetry</c>).
/// </summary>
public static class AwsServiceCollectionExtensions
{
    public static IServiceCollection AddQuiltAwsCredentials(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>()
            .Bind(configuration.GetSection(AwsOptions.SectionName))
            .PostConfigure(aws =>
            {
                if (string.IsNullOrWhiteSpace(aws.DesktopRoleArn))
                {
                    aws.DesktopRoleArn = configuration[AwsOptions.DesktopRoleArnVariable];
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>();
        services.AddQuiltDevelopmentOptions(configuration);
        services.AddOptions<CredentialCacheOptions>().Bind(configuration.GetSection(CredentialCacheOptions.SectionName));

        services.TryAddSingleton(CredentialClock.System);
        services.TryAddSingleton<StsClientFactory>();
        services.TryAddSingleton<IRoleAssumer, StsRoleAssumer>();
        services.TryAddSingleton<AwsRegionProvider>();
        services.TryAddSingleton<SessionTagBuilder>();
        services.TryAddSingleton<LocalRoleCredentialCache>();
        services.TryAddSingleton<IAwsCredentialsResolver, AwsCredentialsResolver>();
        services.AddHostedService<LocalS3Notice>();
        return services;
    }
}
