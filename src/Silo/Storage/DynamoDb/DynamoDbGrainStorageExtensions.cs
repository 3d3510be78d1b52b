using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>Orleans-style registration of <see cref="DynamoDbGrainStorage"/> under a provider name.</summary>
public static class DynamoDbGrainStorageExtensions
{
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    public static ISiloBuilder AddDynamoDbGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null)
    {
        DynamoDbClusteringExtensions.AddDynamoDbCore(builder.Services, configureOptions);
        builder.Services.AddGrainStorage(name, (services, providerName) => ActivatorUtilities.CreateInstance<DynamoDbGrainStorage>(services, providerName));
        return builder;
    }
}
