using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    private static IAwsCredentialsResolver Resolver(Dictionary<string, string?> settings)
    {
        settings["Aws:Region"] = AwsTestEnvironment.Region;
        settings["Telemetry:EmbeddedMetrics"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQuiltTelemetry(configuration).AddQuiltAwsCredentials(configuration)
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
