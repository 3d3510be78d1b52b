using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;
using QuiltMcp.Orleans.Silo.Clustering;
using QuiltMcp.Orleans.Silo.Clustering.DynamoDb;
using QuiltMcp.Orleans.Silo.Hosting;
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
        var clustering = new DynamoDbClusteringOptions();
        var storage = new DynamoDbGrainStorageOptions();

        Assert.True(new DynamoDbClusteringOptionsValidator().Validate(null, clustering).Succeeded);
        Assert.True(StorageValidator().Validate(GrainStorageNames.McpSessions, storage).Succeeded);
        Assert.Equal(("quilt-mcp-membership", "quilt-mcp-grain-state"), (clustering.MembershipTableName, storage.TableName));
        Assert.Null(clustering.ServiceUrl);
        Assert.Null(clustering.Region);
        Assert.True(clustering.CreateIfNotExists);
        Assert.True(storage.CreateIfNotExists);
        Assert.Equal(TimeSpan.FromDays(7), storage.TimeToLive);
    }

    [Theory]
    [InlineData("MembershipTableName", "ab")]
    [InlineData("MembershipTableName", "has space")]
    [InlineData("ServiceUrl", "localhost:8000")]
    [InlineData("Region", "Virginia")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxAttempts", "11")]
    [InlineData("Timeout", "00:00:00")]
    [InlineData("Timeout", "00:05:00")]
    public void Each_bad_clustering_setting_is_refused_with_a_message_naming_it(string setting, string value)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value })
            .Build()
            .Get<DynamoDbClusteringOptions>() ?? new DynamoDbClusteringOptions();

        var result = new DynamoDbClusteringOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Cluster:DynamoDb:{setting}", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("TableName", "", "Cluster:GrainStorage:TableName '' must be 3-255 characters")]
    [InlineData("TableName", "x/y", "Cluster:GrainStorage:TableName 'x/y' must be 3-255 characters")]
    [InlineData("TableName", "quilt-mcp-membership", "Cluster:GrainStorage:TableName must differ from Cluster:DynamoDb:MembershipTableName")]
    [InlineData("TimeToLive", "00:00:00", "Cluster:GrainStorage:TimeToLive must be positive")]
    public void Each_bad_grain_storage_setting_is_refused_with_a_message_naming_it(string setting, string value, string message)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value })
            .Build()
            .Get<DynamoDbGrainStorageOptions>() ?? new DynamoDbGrainStorageOptions();
        if (setting == "TableName")
        {
            // The binder keeps the default for an empty string.
            options.TableName = value;
        }

        var result = StorageValidator().Validate(GrainStorageNames.McpSessions, options);

        Assert.True(result.Failed);
        Assert.StartsWith(message, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dynamodb_client_bounds_its_attempts_and_their_time_as_configured()
    {
        using var defaults = DynamoDbClientFactory.Create(new DynamoDbClusteringOptions { ServiceUrl = "http://127.0.0.1:1", Region = "us-east-1" });
        using var tuned = DynamoDbClientFactory.Create(new DynamoDbClusteringOptions
        {
            ServiceUrl = "http://127.0.0.1:1",
            Region = "us-east-1",
            MaxAttempts = 5,
            Timeout = TimeSpan.FromSeconds(2),
        });

        // MaxErrorRetry counts retries after the first attempt.
        Assert.Equal((Amazon.Runtime.RequestRetryMode.Standard, 2, TimeSpan.FromSeconds(5)), (defaults.Config.RetryMode, defaults.Config.MaxErrorRetry, defaults.Config.Timeout));
        Assert.Equal((4, TimeSpan.FromSeconds(2)), (tuned.Config.MaxErrorRetry, tuned.Config.Timeout));
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
        Assert.IsType<DynamoDbGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.IsType<DynamoDbGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.McpSessions));
        Assert.Equal("prod-membership", services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value.MembershipTableName);
    }

    [Fact]
    public void Each_grain_storage_provider_has_its_own_options_bound_from_the_grain_storage_section()
    {
        using var services = BuildSiloServices(new()
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:DynamoDb:CreateIfNotExists"] = "true",
            ["Cluster:GrainStorage:TableName"] = "prod-grain-state",
            ["Cluster:GrainStorage:TimeToLive"] = "2.00:00:00",
            ["Cluster:GrainStorage:CreateIfNotExists"] = "false",
        });

        var options = services.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>();
        foreach (var provider in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, GrainStorageNames.McpSessions })
        {
            Assert.Equal(("prod-grain-state", TimeSpan.FromDays(2), false), (options.Get(provider).TableName, options.Get(provider).TimeToLive, options.Get(provider).CreateIfNotExists));
        }

        Assert.True(services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value.CreateIfNotExists);
    }

    [Fact]
    public void The_keys_grain_storage_used_before_its_own_section_still_apply_unless_the_new_key_is_set()
    {
        using var legacy = BuildSiloServices(new()
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:DynamoDb:GrainStateTableName"] = "old-grain-state",
            ["Cluster:DynamoDb:GrainStateTimeToLive"] = "1.00:00:00",
            ["Cluster:DynamoDb:CreateIfNotExists"] = "false",
        });
        using var both = BuildSiloServices(new()
        {
            ["Cluster:Clustering"] = "dynamodb",
            ["Cluster:DynamoDb:GrainStateTableName"] = "old-grain-state",
            ["Cluster:DynamoDb:CreateIfNotExists"] = "false",
            ["Cluster:GrainStorage:TableName"] = "new-grain-state",
            ["Cluster:GrainStorage:CreateIfNotExists"] = "true",
        });

        var old = legacy.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(GrainStorageNames.McpSessions);
        Assert.Equal(("old-grain-state", TimeSpan.FromDays(1), false), (old.TableName, old.TimeToLive, old.CreateIfNotExists));
        var current = both.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(GrainStorageNames.McpSessions);
        Assert.Equal(("new-grain-state", TimeSpan.FromDays(7), true), (current.TableName, current.TimeToLive, current.CreateIfNotExists));
    }

    [Theory]
    [InlineData("Cluster:Clustering", "consul", "Cluster:Clustering 'consul' is not supported; use 'localhost' or 'dynamodb'.")]
    [InlineData("Cluster:SiloPort", "70000", "Cluster:SiloPort 70000 is outside 1-65535.")]
    [InlineData("Cluster:ClusterId", " ", "Cluster:ClusterId must not be empty.")]
    [InlineData("Cluster:GrainStorage:TimeToLive", "-00:00:01", "Cluster:GrainStorage:TimeToLive must be positive (e.g. 7.00:00:00).")]
    [InlineData("Cluster:SiloLossRetry:Deadline", "00:05:00", "Cluster:SiloLossRetry:Deadline must be from 00:00:00 (no retry) to 00:02:00.")]
    [InlineData("Cluster:SiloLossRetry:FirstDelay", "00:00:00", "Cluster:SiloLossRetry:FirstDelay must be positive.")]
    public async Task A_bad_cluster_setting_stops_the_host_before_the_silo_starts_with_one_line_naming_it(string setting, string value, string message)
    {
        var readiness = new QuiltMcp.Orleans.Api.Health.ServerReadiness();

        // Wherever the host refuses the setting (configuring the silo, building or starting the host), it must be
        // before the silo starts, and the launcher must be able to say it in one line.
        var error = await Record.ExceptionAsync(async () =>
        {
            var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:Clustering"] = "dynamodb",
                ["Cluster:DynamoDb:Region"] = "us-east-1",
                [setting] = value,
            });
            host.Services.AddSingleton(readiness);
            host.UseOrleans(silo => SiloConfiguration.Configure(silo, host.Configuration));
            using var built = host.Build();
            await built.StartAsync();
        });

        Assert.NotNull(error);
        Assert.True(message == ConfigurationError.Describe(error), error.ToString());
        Assert.Equal(QuiltMcp.Orleans.Api.Health.SiloState.Starting, readiness.Silo);
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

    private static DynamoDbGrainStorageOptionsValidator StorageValidator() => new(Options.Create(new DynamoDbClusteringOptions()));

    private static ServiceProvider BuildSiloServices(Dictionary<string, string?> settings)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(settings);
        host.UseOrleans(silo => SiloConfiguration.Configure(silo, host.Configuration));
        return host.Services.BuildServiceProvider();
    }
}
