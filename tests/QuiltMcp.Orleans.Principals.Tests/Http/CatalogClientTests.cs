using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

public sealed class CatalogClientTests : IAsyncLifetime
{
    private FakeSts _sts = null!;
    private FakeCatalog _catalog = null!;
    private PrincipalServer _server = null!;

    public async Task InitializeAsync()
    {
        _sts = await FakeSts.StartAsync();
        _catalog = await FakeCatalog.StartAsync();
        _server = await PrincipalServer.StartAsync(_sts, new Dictionary<string, string?>
        {
            ["QUILT_REGISTRY_URL"] = _catalog.GraphQlUrl.GetLeftPart(UriPartial.Authority),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _catalog.DisposeAsync();
        await _sts.DisposeAsync();
    }

    [Fact]
    public async Task Each_concurrent_request_sends_its_own_bearer_token_to_the_catalog()
    {
        var callers = Enumerable.Range(0, 40).Select(i => (Subject: $"reader-{i:D2}", Token: TestTokens.Issue($"reader-{i:D2}"))).ToArray();

        var seen = await Task.WhenAll(Enumerable.Range(0, 400).Select(async n =>
        {
            var caller = callers[n % callers.Length];
            var reply = await McpCalls.CallAsync(_server.Http, AuthTools.AuthStatusName, caller.Token, arguments: """{"includeCatalog":true}""", id: n);
            var status = reply.Json;
            return (Expected: caller.Subject,
                Subject: status.GetProperty("subject").GetString(),
                CatalogName: status.GetProperty("catalog_user").GetProperty("name").GetString());
        }));

        Assert.All(seen, call => Assert.Equal(call.Expected, call.Subject));
        Assert.All(seen, call => Assert.Equal(call.Expected, call.CatalogName));
        Assert.Equal(400, _catalog.Tokens.Count);
        Assert.True(_catalog.Tokens.ToHashSet().SetEquals(callers.Select(c => c.Token)));
    }

    [Fact]
    public async Task Catalog_errors_become_clear_tool_errors()
    {
        _catalog.Error = "Unauthorized: token expired";
        try
        {
            var reply = await McpCalls.CallAsync(_server.Http, AuthTools.AuthStatusName, TestTokens.Issue("nina"), arguments: """{"includeCatalog":true}""");

            Assert.True(reply.IsToolError);
            Assert.Contains("The catalog refused the query: Unauthorized: token expired", reply.Text);
        }
        finally
        {
            _catalog.Error = null;
        }
    }

    [Fact]
    public async Task Bucket_configs_are_read_and_a_desktop_server_uses_its_configured_token()
    {
        using var http = new HttpClient();
        var client = new CatalogGraphQlClient(new CatalogGraphQlEndpoint(http, new StaticOptions(new CatalogOptions
        {
            GraphQlUrl = _catalog.GraphQlUrl.ToString(),
            DesktopAccessToken = "desktop-token",
        })));

        var buckets = await client.GetBucketConfigsAsync(TestCallers.Desktop(), CancellationToken.None);
        Assert.Equal("quilt-example", Assert.Single(buckets).Name);
        Assert.Equal("desktop-token", _catalog.Tokens[^1]);

        // A web request without a token never borrows the desktop token.
        var refused = await Assert.ThrowsAsync<CatalogRequestException>(
            () => client.GetMeAsync(TestCallers.Anonymous(), CancellationToken.None));
        Assert.Contains("no bearer token", refused.Message);

        var olga = TestTokens.Issue("olga");
        Assert.Equal("olga", (await client.GetMeAsync(TestCallers.Web(new PrincipalClaims { Subject = "olga" }, accessToken: olga), CancellationToken.None)).Name);
        Assert.Equal(olga, _catalog.Tokens[^1]);

    }

    private sealed class StaticOptions(CatalogOptions value) : IOptionsMonitor<CatalogOptions>
    {
        public CatalogOptions CurrentValue => value;

        public CatalogOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CatalogOptions, string?> listener) => null;
    }
}
