using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>
/// Orleans-style registration of <see cref="DynamoDbGrainStorage"/>: one provider per name, each with its own named
/// <see cref="DynamoDbGrainStorageOptions"/>, validated at start-up. The providers use the silo's shared DynamoDB client.
/// </summary>
public static class DynamoDbGrainStorageExtensions
{
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configureOptions = null) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    public static ISiloBuilder AddDynamoDbGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        DynamoDbClusteringExtensions.AddDynamoDbClient(services);
        var options = services.AddOptions<DynamoDbGrainStorageOptions>(name).ValidateOnStart();
        configureOptions?.Invoke(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbGrainStorageOptions>, DynamoDbGrainStorageOptionsValidator>());
        services.AddGrainStorage(name, (provider, providerName) => ActivatorUtilities.CreateInstance<DynamoDbGrainStorage>(
            provider,
            providerName,
            provider.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(providerName)));
        return builder;
    }
}
