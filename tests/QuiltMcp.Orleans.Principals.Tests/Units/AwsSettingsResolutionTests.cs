using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

/// <summary>Tests that set process environment variables run alone, so no parallel test sees them half-set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AwsSettingsResolutionTests
{
    [Fact]
    public async Task With_nothing_configured_the_sts_client_follows_AWS_ENDPOINT_URL_STS_and_AWS_REGION()
    {
        await using var sts = await FakeSts.StartAsync();
        var role = FakeSts.RoleArn("EnvironmentResolved");
        using (new EnvironmentVariables(new() { ["AWS_ENDPOINT_URL_STS"] = sts.Url.ToString(), ["AWS_REGION"] = "eu-west-1" }))
        {
            using var client = (IDisposable)StsClientFactory.Create(new AwsOptions());
            var response = await ((Amazon.SecurityToken.IAmazonSecurityTokenService)client).AssumeRoleAsync(
                new AssumeRoleRequest { RoleArn = role, RoleSessionName = "env-test" });

            Assert.Equal(IssuedCredentials.For(role, 1).AccessKeyId, response.Credentials.AccessKeyId);
        }

        Assert.Single(sts.CallsFor(role));
    }

    [Fact]
    public async Task Desktop_without_a_role_uses_the_default_chain_and_web_callers_never_get_the_desktop_role_or_chain()
    {
        var plain = Resolver(new Dictionary<string, string?>());
        var withRole = Resolver(new Dictionary<string, string?> { ["QUILT_USER_ROLE_ARN"] = FakeSts.RoleArn("Desktop") });

        var access = await plain.ResolveAsync(TestCallers.Desktop(), CancellationToken.None);
        Assert.Equal(AwsCredentialSources.DefaultChain, access.Source);
        Assert.Null(access.RoleArn);
        Assert.Equal(TaskCredentials.AccessKeyId, (await access.Credentials.GetCredentialsAsync()).AccessKey);
        Assert.DoesNotContain(TaskCredentials.SecretAccessKey, access.ToString());

        // Outside desktop-stdio neither the environment role nor the default chain is ever used. (The desktop role
        // itself, assumed through the desktop principal's grain, is exercised over stdio by DesktopServer's tests.)
        foreach (var web in new[] { TestCallers.Anonymous(), TestCallers.Web(["quilt:read"]) })
        {
            var error = await Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => withRole.ResolveAsync(web, CancellationToken.None));
            Assert.Equal(AwsCredentialsUnavailableException.NoRoleSelected, error.ErrorCode);
        }
    }

    [Fact]
    public void With_no_region_anywhere_the_sts_client_is_built_for_us_east_1_instead_of_failing()
    {
        // A fresh laptop: no AWS_REGION, no profile with a region. The SDK alone refuses to build a client there.
        var missing = Path.Combine(Path.GetTempPath(), "no-aws-config-" + Guid.NewGuid().ToString("N"));
        using (new EnvironmentVariables(new()
        {
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = missing,
            ["AWS_SHARED_CREDENTIALS_FILE"] = missing,
        }))
        {
            Amazon.Runtime.FallbackRegionFactory.Reset();
            try
            {
                using var client = (IDisposable)StsClientFactory.Create(new AwsOptions());
                Assert.Equal(Amazon.RegionEndpoint.USEast1, ((Amazon.SecurityToken.IAmazonSecurityTokenService)client).Config.RegionEndpoint);
            }
            finally
            {
                Amazon.Runtime.FallbackRegionFactory.Reset();
            }
        }
    }

    [Fact]
    public async Task A_local_s3_gives_every_authenticated_caller_its_fixed_keys_without_a_role_or_sts()
    {
        // The callers have no grain: the local keys must come without asking one (which is where STS would be called).
        var resolver = Resolver(new Dictionary<string, string?>
        {
            ["Development:LocalS3"] = "http://127.0.0.1:4568",
            ["QUILT_USER_ROLE_ARN"] = FakeSts.RoleArn("Desktop"),
        }, region: null, environment: Environments.Development);
        Caller[] callers =
        [
            TestCallers.Web(["quilt:read"]),
            TestCallers.Web(["quilt:read"]) with { Role = new SelectedRole(FakeSts.RoleArn("Reader"), "header") },
            TestCallers.Desktop(),
        ];

        foreach (var caller in callers)
        {
            var access = await resolver.ResolveAsync(caller, CancellationToken.None);
            var keys = await access.Credentials.GetCredentialsAsync();

            Assert.Equal(AwsCredentialSources.LocalDevelopment, access.Source);
            Assert.Null(access.RoleArn);
            Assert.Null(access.Expiration);
            Assert.Null(access.AssumedRoleUserArn);
            Assert.Equal(("S3RVER", "S3RVER"), (keys.AccessKey, keys.SecretKey));
            Assert.False(keys.UseToken);
            Assert.Equal(Amazon.RegionEndpoint.USEast1, access.Region);
            Assert.DoesNotContain("S3RVER", access.ToString(), StringComparison.Ordinal);
        }

        var anonymous = await Assert.ThrowsAsync<AwsCredentialsUnavailableException>(
            () => resolver.ResolveAsync(TestCallers.Anonymous(), CancellationToken.None));
        Assert.Equal(AwsCredentialsUnavailableException.NotAuthenticated, anonymous.ErrorCode);
        Assert.Equal("AWS access needs an authenticated caller (NotAuthenticated): send a bearer token.", anonymous.Message);
    }

    private static IAwsCredentialsResolver Resolver(
        Dictionary<string, string?> settings, string? region = AwsTestEnvironment.Region, string environment = "Production")
    {
        settings["Aws:Region"] = region;
        settings["Telemetry:EmbeddedMetrics"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment })
            .AddLogging().AddQuiltTelemetry(configuration).AddQuiltAwsCredentials(configuration)
            .BuildServiceProvider().GetRequiredService<IAwsCredentialsResolver>();
    }

    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly Dictionary<string, string?> _saved;

        public EnvironmentVariables(Dictionary<string, string?> values)
        {
            _saved = values.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
