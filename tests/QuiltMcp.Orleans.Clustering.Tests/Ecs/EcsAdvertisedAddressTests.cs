using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using QuiltMcp.Orleans.Silo.Clustering;
using QuiltMcp.Orleans.Silo.Clustering.Ecs;

namespace QuiltMcp.Orleans.Clustering.Tests.Ecs;

public sealed class EcsAdvertisedAddressTests
{
    [Fact]
    public async Task The_awsvpc_address_of_the_task_is_read_from_the_metadata_endpoint()
    {
        await using var endpoint = await FakeEcsMetadataEndpoint.StartAsync(TaskMetadataDocuments.Fargate);
        using var http = new HttpClient();

        var address = await new EcsTaskMetadataClient(http).GetTaskIPv4AddressAsync(new Uri(endpoint.BaseUri), CancellationToken.None);

        Assert.Equal(IPAddress.Parse(TaskMetadataDocuments.FargateAddress), address);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task A_task_without_an_awsvpc_network_is_reported_clearly()
    {
        await using var endpoint = await FakeEcsMetadataEndpoint.StartAsync(TaskMetadataDocuments.BridgeOnly);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new EcsTaskMetadataClient(http).GetTaskIPv4AddressAsync(new Uri(endpoint.BaseUri), CancellationToken.None));

        Assert.Contains("awsvpc", error.Message);
    }

    [Fact]
    public async Task The_silo_configured_for_dynamodb_on_ecs_advertises_the_task_address()
    {
        await using var endpoint = await FakeEcsMetadataEndpoint.StartAsync(TaskMetadataDocuments.Fargate);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:SiloPort"] = "11111",
            [EcsTaskMetadataClient.EnvironmentVariable] = endpoint.BaseUri,
        }).Build();

        var endpoints = ResolveEndpointOptions(configuration);

        Assert.Equal(IPAddress.Parse(TaskMetadataDocuments.FargateAddress), endpoints.AdvertisedIPAddress);
        Assert.Equal(11111, endpoints.SiloPort);
        Assert.Equal(0, endpoints.GatewayPort);
        Assert.Equal(IPAddress.Any, endpoints.SiloListeningEndpoint?.Address);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public void Without_the_metadata_variable_the_silo_keeps_orleans_own_address_pick()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "dynamodb",
        }).Build();

        var endpoints = ResolveEndpointOptions(configuration);

        Assert.NotNull(endpoints.AdvertisedIPAddress);
        Assert.NotEqual(IPAddress.Parse(TaskMetadataDocuments.FargateAddress), endpoints.AdvertisedIPAddress);
    }

    [Fact]
    public async Task An_unreachable_metadata_endpoint_stops_start_up_rather_than_advertising_a_guess()
    {
        var closedPort = QuiltMcp.Orleans.Tests.Shared.FreePort.Next();
        var configurator = new EcsAdvertisedAddressConfigurator(
            new Uri($"http://127.0.0.1:{closedPort}/v4/container"),
            new EcsTaskMetadataClient(new HttpClient()),
            NullLogger<EcsAdvertisedAddressConfigurator>.Instance);

        var error = await Task.Run(() => Record.Exception(() => configurator.PostConfigure(null, new EndpointOptions())));

        Assert.IsType<HttpRequestException>(error);
    }

    /// <summary>Runs the production silo configuration into a service collection and resolves the endpoint options from it.</summary>
    private static EndpointOptions ResolveEndpointOptions(IConfiguration configuration)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddConfiguration(configuration);
        host.UseOrleans(silo => SiloConfiguration.Configure(silo, host.Configuration));
        using var services = host.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}
