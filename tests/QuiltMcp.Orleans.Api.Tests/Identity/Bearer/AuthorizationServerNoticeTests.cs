using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Api.Tests.Support;

namespace QuiltMcp.Orleans.Api.Tests.Identity.Bearer;

/// <summary>Which authorization servers OAuth discovery names, and the start-up line when it can name none.</summary>
public sealed class AuthorizationServerNoticeTests
{
    [Fact]
    public async Task With_no_issuer_and_no_catalog_the_list_is_empty_and_the_start_says_why_once()
    {
        var (list, logs) = await StartAsync(new ProtectedResourceOptions(), new AuthOptions(), new ServerOptions());

        Assert.Empty(list.Current());
        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(3010, record.Id.Id);
        Assert.Equal(
            "OAuth discovery (/.well-known/oauth-protected-resource) lists no authorization server because none is configured "
            + "(Auth:OidcIssuers, QUILT_CATALOG_URL (Server:CatalogUrl) or Auth:ProtectedResource:AuthorizationServers): "
            + "OAuth clients cannot sign in by themselves, so give them a bearer token (in Development: quilt-mcp token).",
            record.Message);
    }

    [Fact]
    public async Task Issuers_and_the_catalog_are_listed_once_each_and_nothing_is_logged()
    {
        var auth = new AuthOptions
        {
            OidcIssuers =
            [
                new OidcIssuerOptions { Issuer = "https://issuer.example.com" },
                new OidcIssuerOptions { Issuer = "https://catalog.example.com" },
            ],
        };

        var (list, logs) = await StartAsync(new ProtectedResourceOptions(), auth, new ServerOptions { CatalogUrl = "https://catalog.example.com" });

        Assert.Equal(["https://issuer.example.com", "https://catalog.example.com"], list.Current());
        Assert.Empty(logs.GetSnapshot());
    }

    [Fact]
    public async Task A_configured_list_replaces_the_derived_one_and_callers_cannot_change_it()
    {
        var resource = new ProtectedResourceOptions { AuthorizationServers = ["https://login.example.com"] };
        var (list, logs) = await StartAsync(resource, new AuthOptions(), new ServerOptions { CatalogUrl = "https://catalog.example.com" });

        list.Current().Add("https://attacker.example");

        Assert.Equal(["https://login.example.com"], list.Current());
        Assert.Empty(logs.GetSnapshot());
    }

    private static async Task<(AuthorizationServerList List, FakeLogCollector Logs)> StartAsync(
        ProtectedResourceOptions resource, AuthOptions auth, ServerOptions server)
    {
        var logs = new FakeLogCollector();
        var list = new AuthorizationServerList(new StaticOptionsMonitor<ProtectedResourceOptions>(resource), Options.Create(auth), Options.Create(server));
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var notice = new AuthorizationServerNotice(list, loggers.CreateLogger<AuthorizationServerNotice>());
        await notice.StartAsync(CancellationToken.None);
        await notice.StopAsync(CancellationToken.None);
        return (list, logs);
    }
}
