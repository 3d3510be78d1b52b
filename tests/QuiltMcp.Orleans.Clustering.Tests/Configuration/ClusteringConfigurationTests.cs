using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Storage;
using QuiltMcp.Orleans.Silo.Clustering;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;
using QuiltMcp.Orleans.Silo.Storage;
using QuiltMcp.Orleans.Silo.Storage.DynamoDb;

namespace QuiltMcp.Orleans.Clustering.Tests.Configuration;

public sealed class ClusteringConfigurationTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("dynamodb")]
    [InlineData("DynamoDB")]
    public void Both_clustering_modes_are_accepted(string mode)
    {
        Assert.True(new SiloHostingOptionsValidator().Validate(null, new SiloHostingOptions { Clustering = mode }).Succeeded);
    }

    [Fact]
    public void An_unknown_clustering_mode_is_refused_naming_the_setting_and_the_choices()
    {
        var result = new SiloHostingOptionsValidator().Validate(null, new SiloHostingOptions { Clustering = "consul" });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Cluster:Clustering", failure);
        Assert.Contains("dynamodb", failure);
    }

    [Fact]
    public void The_defaults_are_valid_and_leave_endpoint_and_region_to_the_sdk()
    {
        var defaults = new DynamoDbClusteringOptions();

        Assert.True(new DynamoDbClusteringOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal(("quilt-mcp-membership", "quilt-mcp-grain-state"), (defaults.MembershipTableName, defaults.GrainStateTableName));
        Assert.Null(defaults.ServiceUrl);
        Assert.Null(defaults.Region);
        Assert.True(defaults.CreateIfNotExists);
    }

    [Theory]
    [InlineData("MembershipTableName", "ab")]
    [InlineData("MembershipTableName", "has space")]
    [InlineData("GrainStateTableName", "")]
    [InlineData("ServiceUrl", "localhost:8000")]
    [InlineData("Region", "Virginia")]
    [InlineData("GrainStateTimeToLive", "00:00:00")]
    public void Each_bad_setting_is_refused_with_a_message_naming_it(string setting, string value)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value })
            .Build()
            .Get<DynamoDbClusteringOptions>() ?? new DynamoDbClusteringOptions();
        if (setting == "GrainStateTableName")
        {
            options.GrainStateTableName = value;
        }

        var result = new DynamoDbClusteringOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Cluster:DynamoDb:{setting}", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Blank_endpoint_and_region_count_as_unset()
    {
        var options = new DynamoDbClusteringOptions { ServiceUrl = " ", Region = "" };

        Assert.True(new DynamoDbClusteringOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_localhost_mode_keeps_memory_storage_as_default_and_for_mcp_sessions()
    {
        using var services = BuildSiloServices(new() { ["Cluster:Clustering"] = "localhost" });

        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.McpSessions));
        Assert.IsNotType<DynamoDbMembershipTable>(services.GetService<IMembershipTable>());
    }

    [Fact]
    public void The_dynamodb_mode_uses_dynamodb_for_membership_default_storage_and_mcp_sessions()
    {
        using var services = BuildSiloServices(new()
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:DynamoDb:Region"] = "us-east-1",
            ["Cluster:DynamoDb:MembershipTableName"] = "prod-membership",
        });

        Assert.IsType<DynamoDbMembershipTable>(services.GetRequiredService<IMembershipTable>());
        Assert.IsType<DynamoDbGatewayListProvider>(services.GetRequiredService<IGatewayListProvider>());
        Assert.IsType<DynamoDbGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.IsType<DynamoDbGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.McpSessions));
        Assert.Equal("prod-membership", services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value.MembershipTableName);
    }

    [Fact]
    public void A_bad_dynamodb_setting_fails_when_options_are_validated_at_start_up()
    {
        using var services = BuildSiloServices(new()
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:DynamoDb:MembershipTableName"] = "x",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value);
        Assert.Contains("Cluster:DynamoDb:MembershipTableName", error.Message);
    }

    private static ServiceProvider BuildSiloServices(Dictionary<string, string?> settings)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(settings);
        host.UseOrleans(silo => SiloConfiguration.Configure(silo, host.Configuration));
        return host.Services.BuildServiceProvider();
    }
}
