using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace QuiltMcp.Orleans.Grains.Tests;

/// <summary>A real two-silo Orleans cluster in this process, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>
    /// Each silo's own grain factory. <see cref="TestCluster.GrainFactory"/> is the external client, so calls made
    /// through it all start outside the silos; these start inside each one.
    /// </summary>
    public IReadOnlyList<IGrainFactory> SiloGrainFactories => Cluster.Silos
        .Cast<InProcessSiloHandle>()
        .Select(silo => silo.ServiceProvider.GetRequiredService<IGrainFactory>())
        .ToList();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage(Sessions.McpSessionStorage.ProviderName);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
