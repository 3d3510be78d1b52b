using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Messaging;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>Orleans-style registration of the DynamoDB membership table (silo) and gateway list (client).</summary>
public static class DynamoDbClusteringExtensions
{
    /// <summary>
    /// The DynamoDB client of the cluster is keyed, so it neither clashes with nor replaces another
    /// <see cref="IAmazonDynamoDB"/> the application registers; tests may register their own under this key first.
    /// </summary>
    public const string ClientServiceKey = "quilt-mcp-cluster-dynamodb";

    public static ISiloBuilder UseDynamoDbClustering(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null)
    {
        AddClusteringOptions(builder.Services, configureOptions);

        // Only the membership table, as Orleans' own clustering providers register on a silo: the gateway list is for
        // clients outside the cluster (below); the front end co-hosted in the silo needs none, and no gateway is opened.
        builder.Services.AddSingleton<IMembershipTable, DynamoDbMembershipTable>();
        return builder;
    }

    public static IClientBuilder UseDynamoDbClustering(this IClientBuilder builder, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null)
    {
        AddClusteringOptions(builder.Services, configureOptions);
        builder.Services.AddSingleton<IGatewayListProvider, DynamoDbGatewayListProvider>();
        return builder;
    }

    /// <summary>
    /// The DynamoDB client every DynamoDB provider of the silo shares (built from the <see cref="DynamoDbClusteringOptions"/>
    /// connection settings), and the table provisioner; safe to call more than once.
    /// </summary>
    internal static void AddDynamoDbClient(IServiceCollection services)
    {
        services.AddOptions<DynamoDbClusteringOptions>();
        services.TryAddKeyedSingleton<IAmazonDynamoDB>(
            ClientServiceKey,
            (provider, _) => DynamoDbClientFactory.Create(provider.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value));
        services.TryAddSingleton<DynamoDbTableProvisioner>();
        services.TryAddSingleton(TimeProvider.System);
    }

    private static void AddClusteringOptions(IServiceCollection services, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions)
    {
        AddDynamoDbClient(services);
        var optionsBuilder = services.AddOptions<DynamoDbClusteringOptions>().ValidateOnStart();
        configureOptions?.Invoke(optionsBuilder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbClusteringOptions>, DynamoDbClusteringOptionsValidator>());
    }
}
