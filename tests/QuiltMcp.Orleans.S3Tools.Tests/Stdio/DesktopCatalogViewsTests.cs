using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Stdio;

/// <summary>
/// The catalog read views from the built quilt-mcp over stdio, as a desktop client runs it: no scopes or bucket
/// grants apply to the desktop user, so the catalog alone decides, asked with the configured desktop token
/// (QUILT_ACCESS_TOKEN) at the seed's QUILT_CATALOG_URL.
/// </summary>
public sealed class DesktopCatalogViewsTests : IAsyncLifetime
{
    private const string AdminToken = "desktop-admin-token";
    private const string ReaderToken = "desktop-reader-token";

    private FakeCatalog _catalog = null!;

    public async Task InitializeAsync()
    {
        _catalog = await FakeCatalog.StartAsync();
        // A token that is not a JWT is its own subject to the fake catalog.
        _catalog.MakeAdmin(AdminToken);
        _catalog.Answer("admin", _ => new
        {
            user = new
            {
                list = new[]
                {
                    new
                    {
                        name = "ana", email = "ana@example.com", dateJoined = "2026-01-05T10:00:00+00:00", lastLogin = "2026-11-28T08:15:00+00:00",
                        isActive = true, isAdmin = true, isSsoOnly = false, isService = false,
                        role = new { __typename = "ManagedRole", name = "Reader" }, extraRoles = Array.Empty<object>(),
                    },
                },
            },
        });
        _catalog.Answer("bucketConfig", _ => new
        {
            name = FakeCatalog.BucketName, title = "Example", relevanceScore = 0, browsable = true,
            tabulatorTables = new[] { new { name = "sales", config = "schema: []\n" } },
        });
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task A_desktop_catalog_admin_reads_users_and_tabulator_tables_with_the_desktop_token()
    {
        await using var server = await StartAsync(AdminToken);
        await using var client = await ConnectAsync(server);

        var tools = (await client.ListToolsAsync()).Select(tool => tool.Name).ToArray();
        var users = await ToolCall.JsonAsync(client, "admin_users_list", new { });
        var tables = await ToolCall.JsonAsync(client, "bucket_tabulator_tables_list", new { bucket = FakeCatalog.BucketName });

        Assert.Contains("admin_users_list", tools);
        Assert.Equal("ana", Assert.Single(users.GetProperty("users").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("sales", Assert.Single(tables.GetProperty("tables").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal([AdminToken, AdminToken], _catalog.Tokens);
    }

    [Fact]
    public async Task A_desktop_user_who_is_not_a_catalog_admin_is_told_so_by_the_catalog()
    {
        await using var server = await StartAsync(ReaderToken);
        await using var client = await ConnectAsync(server);

        var error = await ToolCall.ErrorAsync(client, "admin_users_list", new { });

        Assert.Equal($"The catalog refused to list users because your catalog user '{ReaderToken}' is not a catalog admin "
            + $"(The catalog refused the query: {CatalogSchema.ForbiddenMessage}). The catalog shows users, roles and policies to its admins only.", error);
    }

    private Task<ServerProcess> StartAsync(string desktopToken) => ServerProcess.StartReadyAsync(new ServerProcessOptions
    {
        Transport = ProcessTransport.Stdio,
        Environment = new Dictionary<string, string?>
        {
            ["QUILT_CATALOG_URL"] = _catalog.GraphQlUrl.GetLeftPart(UriPartial.Authority),
            ["QUILT_ACCESS_TOKEN"] = desktopToken,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        },
    });

    private static Task<McpClient> ConnectAsync(ServerProcess server) =>
        Mcp.ConnectStdioAsync(new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));
}
