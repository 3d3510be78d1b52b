using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace QuiltMcp.Orleans.Silo.Clustering.Ecs;

public static class EcsSiloBuilderExtensions
{
    /// <summary>
    /// Advertises the task's awsvpc address when running on ECS (the metadata URI is set); elsewhere changes nothing.
    /// </summary>
    public static ISiloBuilder UseEcsTaskAddressWhenAvailable(this ISiloBuilder builder, string? metadataBaseUri)
    {
        if (string.IsNullOrWhiteSpace(metadataBaseUri))
        {
            return builder;
        }

        if (!Uri.TryCreate(metadataBaseUri, UriKind.Absolute, out var uri))
        {
            throw new OptionsValidationException(
                EcsTaskMetadataClient.EnvironmentVariable,
                typeof(EndpointOptions),
                [$"{EcsTaskMetadataClient.EnvironmentVariable} '{metadataBaseUri}' is not an absolute URL."]);
        }

        builder.Services.AddSingleton<IPostConfigureOptions<EndpointOptions>>(services => new EcsAdvertisedAddressConfigurator(
            uri,
            new EcsTaskMetadataClient(new HttpClient()),
            services.GetRequiredService<ILogger<EcsAdvertisedAddressConfigurator>>()));
        return builder;
    }
}
