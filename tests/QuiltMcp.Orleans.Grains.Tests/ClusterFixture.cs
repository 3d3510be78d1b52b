using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Tests.Credentials;

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

    /// <summary>Each silo's address as session grains store it, and what that silo was told to terminate.</summary>
    public IReadOnlyList<(string Holder, RecordingTerminationListener Listener)> Holders => Cluster.Silos
        .Cast<InProcessSiloHandle>()
        .Select(silo => (Placement.HolderSilo.KeyOf(silo.SiloAddress), silo.ServiceProvider.GetRequiredService<RecordingTerminationListener>()))
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
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddQuiltGrains().AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage(Sessions.McpSessionStorage.ProviderName);
            siloBuilder.Services.AddSingleton<RecordingTerminationListener>();

            // These tests identify principals but never ask for credentials: no STS answer is scripted, so one would fail.
            siloBuilder.Services.AddSingleton<IRoleAssumer>(new ScriptedRoleAssumer(TimeProvider.System));
            siloBuilder.Services.AddSingleton<Sessions.ISessionTerminationListener>(provider => provider.GetRequiredService<RecordingTerminationListener>());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
