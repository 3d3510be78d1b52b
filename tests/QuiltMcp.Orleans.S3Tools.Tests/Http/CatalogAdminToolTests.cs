using System.Text.Json;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// The catalog admin views (admin_users_list, admin_user_get, admin_roles_list, admin_policies_list) against a catalog
/// speaking the real schema, which answers its @admin fields for catalog admins only: shown and callable only with the
/// admin scope (refused before any catalog request otherwise), compact results, and errors that say whether the
/// catalog refused a caller who is not a catalog admin, failed, or has no such user.
/// </summary>
public sealed class CatalogAdminToolTests : IClassFixture<CatalogServer>
{
    private const string AdminScope = "quilt:read quilt:admin";
    private static readonly string[] AdminToolNames = ["admin_users_list", "admin_user_get", "admin_roles_list", "admin_policies_list"];

    private static readonly object Reader = new { __typename = "ManagedRole", name = "Reader" };
    private static readonly object Legacy = new { __typename = "UnmanagedRole", name = "Legacy" };

    private static readonly object Ana = new
    {
        name = "ana",
        email = "ana@example.com",
        dateJoined = "2026-01-05T10:00:00+00:00",
        lastLogin = "2026-11-28T08:15:00+00:00",
        isActive = true,
        isAdmin = true,
        isSsoOnly = true,
        isService = false,
        role = Reader,
        extraRoles = new[] { Legacy },
    };

    private static readonly object Ben = new
    {
        name = "ben.k-2",
        email = "ben@example.com",
        dateJoined = "2025-03-01T00:00:00+00:00",
        lastLogin = "2025-03-02T00:00:00+00:00",
        isActive = false,
        isAdmin = false,
        isSsoOnly = false,
        isService = true,
        role = (object?)null,
        extraRoles = Array.Empty<object>(),
    };

    private readonly CatalogServer _fixture;

    public CatalogAdminToolTests(CatalogServer fixture)
    {
        _fixture = fixture;
        var policy = new
        {
            title = "Data readers",
            arn = "arn:aws:iam::123456789012:policy/data-readers",
            managed = true,
            permissions = new[] { new { bucket = new { name = "quilt-example" }, level = "READ" }, new { bucket = new { name = "quilt-raw" }, level = "READ_WRITE" } },
            roles = new[] { new { name = "Reader" } },
        };
        fixture.Catalog.Answer("admin", _ => new
        {
            user = new
            {
                list = new[] { Ana, Ben },
                get = (CatalogResolver)(arguments => arguments["name"] switch { "ana" => Ana, "ben.k-2" => Ben, _ => null }),
            },
        });
        fixture.Catalog.Answer("roles", _ => new object[]
        {
            new { __typename = "ManagedRole", name = "Reader", arn = "arn:aws:iam::123456789012:role/Reader", policies = new[] { policy } },
            new { __typename = "UnmanagedRole", name = "Legacy", arn = "arn:aws:iam::123456789012:role/Legacy" },
        });
        fixture.Catalog.Answer("policies", _ => new object[]
        {
            policy,
            new
            {
                title = "Custom IAM", arn = "arn:aws:iam::123456789012:policy/custom", managed = false,
                permissions = Array.Empty<object>(), roles = Array.Empty<object>(),
            },
        });
    }

    [Fact]
    public async Task A_catalog_admin_with_the_admin_scope_reads_users_roles_and_policies()
    {
        _fixture.Catalog.MakeAdmin("admin-ana");
        var token = Principals.Token("admin-ana", AdminScope, []);
        await using var client = await Mcp.ConnectAsync(_fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = _fixture.Catalog.Queries.Count;

        var users = await ToolCall.JsonAsync(client, "admin_users_list", new { });
        var ben = await ToolCall.JsonAsync(client, "admin_user_get", new { name = "ben.k-2" });
        var roles = await ToolCall.JsonAsync(client, "admin_roles_list", new { });
        var policies = await ToolCall.JsonAsync(client, "admin_policies_list", new { });

        Assert.Equal(
            """{"users":[{"name":"ana","email":"ana@example.com","is_active":true,"is_admin":true,"role":"Reader","extra_roles":["Legacy"],"last_login":"2026-11-28T08:15:00+00:00"},"""
            + """{"name":"ben.k-2","email":"ben@example.com","is_active":false,"is_admin":false,"extra_roles":[],"last_login":"2025-03-02T00:00:00+00:00"}]}""",
            Compact(users));
        Assert.Equal(
            """{"name":"ben.k-2","email":"ben@example.com","is_active":false,"is_admin":false,"is_sso_only":false,"is_service":true,"extra_roles":[]"""
            + ""","date_joined":"2025-03-01T00:00:00+00:00","last_login":"2025-03-02T00:00:00+00:00"}""",
            Compact(ben));
        Assert.Equal(
            """{"roles":[{"name":"Reader","kind":"managed","arn":"arn:aws:iam::123456789012:role/Reader","policies":["Data readers"]},"""
            + """{"name":"Legacy","kind":"unmanaged","arn":"arn:aws:iam::123456789012:role/Legacy"}]}""",
            Compact(roles));
        Assert.Equal(
            """{"policies":[{"title":"Data readers","managed":true"""
            + ""","arn":"arn:aws:iam::123456789012:policy/data-readers","permissions":[{"bucket":"quilt-example","level":"READ"},"""
            + """{"bucket":"quilt-raw","level":"READ_WRITE"}],"roles":["Reader"]},"""
            + """{"title":"Custom IAM","managed":false,"arn":"arn:aws:iam::123456789012:policy/custom","permissions":[],"roles":[]}]}""",
            Compact(policies));

        var sent = _fixture.Catalog.Queries.Skip(before).ToArray();
        Assert.Equal(4, sent.Length);
        Assert.All(_fixture.Catalog.Tokens.Skip(_fixture.Catalog.Tokens.Count - 4), sentToken => Assert.Equal(token, sentToken));
        // The user name travels as a variable, never in the query text.
        Assert.Equal("""{"name":"ben.k-2"}""", sent[1].Variables);
        Assert.DoesNotContain("ben", sent[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_list_shows_the_admin_tools_only_to_a_caller_with_the_admin_scope()
    {
        await using var reader = await ConnectAsync("admin-list-reader", "quilt:read");
        await using var admin = await ConnectAsync("admin-list-admin", AdminScope);

        var readerTools = (await reader.ListToolsAsync()).Select(tool => tool.Name).ToArray();
        var adminTools = (await admin.ListToolsAsync()).ToDictionary(tool => tool.Name, tool => tool.ProtocolTool);

        Assert.Empty(readerTools.Intersect(AdminToolNames));
        Assert.Contains("bucket_tabulator_tables_list", readerTools);
        Assert.All(AdminToolNames, name =>
        {
            var tool = adminTools[name];
            Assert.True(tool.Annotations!.ReadOnlyHint);
            Assert.False(tool.Annotations.DestructiveHint);
            Assert.NotNull(tool.OutputSchema);
            Assert.StartsWith("Catalog admins only", tool.Description, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("admin_users_list", "{}")]
    [InlineData("admin_user_get", """{"name":"ana"}""")]
    [InlineData("admin_roles_list", "{}")]
    [InlineData("admin_policies_list", "{}")]
    public async Task Without_the_admin_scope_each_admin_tool_is_refused_before_any_catalog_request(string tool, string arguments)
    {
        _fixture.Catalog.MakeAdmin("admin-unscoped");
        await using var client = await ConnectAsync("admin-unscoped", "quilt:read quilt:write public:read confidential:read");
        var before = _fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, tool, JsonSerializer.Deserialize<JsonElement>(arguments));

        Assert.Equal($"Access denied: tool '{tool}' requires scope 'quilt:admin'.", error);
        Assert.Equal(before, _fixture.Catalog.Requests);
    }

    [Theory]
    [InlineData("admin_users_list", "{}", "list users")]
    [InlineData("admin_user_get", """{"name":"ana"}""", "show user 'ana'")]
    [InlineData("admin_roles_list", "{}", "list roles")]
    [InlineData("admin_policies_list", "{}", "list policies")]
    public async Task The_catalog_refusing_a_user_who_is_not_a_catalog_admin_says_so(string tool, string arguments, string view)
    {
        await using var client = await ConnectAsync("scoped-not-catalog-admin", AdminScope);
        var before = _fixture.Catalog.Queries.Count;

        var error = await ToolCall.ErrorAsync(client, tool, JsonSerializer.Deserialize<JsonElement>(arguments));

        Assert.Equal($"The catalog refused to {view} because your catalog user 'scoped-not-catalog-admin' is not a catalog admin "
            + $"(The catalog refused the query: {CatalogSchema.ForbiddenMessage}). The catalog shows users, roles and policies to its admins only.", error);
        // The view, then who the caller is; nothing else.
        var sent = _fixture.Catalog.Queries.Skip(before).ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Equal("query { me { name isAdmin } }", sent[1].Query);
    }

    [Fact]
    public async Task A_user_the_catalog_does_not_have_is_a_clear_error()
    {
        _fixture.Catalog.MakeAdmin("admin-lookup");
        await using var client = await ConnectAsync("admin-lookup", AdminScope);

        var error = await ToolCall.ErrorAsync(client, "admin_user_get", new { name = "nobody" });

        Assert.Equal("The Quilt catalog has no user 'nobody'; admin_users_list lists the users.", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana smith")]
    [InlineData("../ana")]
    [InlineData("ana\"){admin}")]
    [InlineData("ana\u0000")]
    [InlineData("ana/x")]
    public async Task A_name_that_cannot_be_a_user_is_refused_before_any_catalog_request(string name)
    {
        _fixture.Catalog.MakeAdmin("admin-careless");
        await using var client = await ConnectAsync("admin-careless", AdminScope);
        var before = _fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, "admin_user_get", new { name });

        // Control characters are shown as '?' in the error.
        Assert.Equal($"name '{name.Replace('\0', '?')}' is not a catalog user name (1–150 letters, digits and _ . @ + -); admin_users_list lists the users.", error);
        Assert.Equal(before, _fixture.Catalog.Requests);
    }

    [Fact]
    public async Task A_name_longer_than_a_catalog_user_name_is_refused_before_any_catalog_request()
    {
        _fixture.Catalog.MakeAdmin("admin-long");
        await using var client = await ConnectAsync("admin-long", AdminScope);
        var before = _fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, "admin_user_get", new { name = new string('a', 151) });

        Assert.Equal($"name '{new string('a', 80)}…' is not a catalog user name (1–150 letters, digits and _ . @ + -); admin_users_list lists the users.", error);
        Assert.Equal(before, _fixture.Catalog.Requests);
    }

    [Fact]
    public async Task A_catalog_that_is_down_is_named_and_asked_only_once()
    {
        _fixture.Catalog.MakeAdmin("admin-down");
        await using var client = await ConnectAsync("admin-down", AdminScope);
        var before = _fixture.Catalog.Requests;
        _fixture.Catalog.AnswerStatus = 503;
        try
        {
            var error = await ToolCall.ErrorAsync(client, "admin_users_list", new { });

            Assert.Equal("The catalog answered HTTP 503 (Service Unavailable); try again later.", error);
            Assert.Equal(before + 1, _fixture.Catalog.Requests);
        }
        finally
        {
            _fixture.Catalog.AnswerStatus = null;
        }
    }

    [Fact]
    public async Task A_catalog_admin_whose_query_fails_gets_the_catalog_s_own_error()
    {
        _fixture.Catalog.MakeAdmin("admin-failing");
        await using var client = await ConnectAsync("admin-failing", AdminScope);
        _fixture.Catalog.Error = "database unavailable";
        try
        {
            var error = await ToolCall.ErrorAsync(client, "admin_roles_list", new { });

            Assert.Equal("The catalog refused the query: database unavailable", error);
        }
        finally
        {
            _fixture.Catalog.Error = null;
        }
    }

    [Fact]
    public async Task Admin_and_tabulator_results_match_their_output_schemas_in_the_typescript_client()
    {
        _fixture.Catalog.MakeAdmin("admin-structured");
        _fixture.Catalog.Answer("bucketConfig", _ => new
        {
            name = FakeCatalog.BucketName, title = "Example", relevanceScore = 0, browsable = true,
            tabulatorTables = new[] { new { name = "naïve ✓", config = "schema: []\n" } },
        });
        var calls = new object[]
        {
            new { name = "admin_users_list", arguments = new { } },
            new { name = "admin_user_get", arguments = new { name = "ana" } },
            new { name = "admin_roles_list", arguments = new { } },
            new { name = "admin_policies_list", arguments = new { } },
            new { name = "bucket_tabulator_tables_list", arguments = new { bucket = FakeCatalog.BucketName } },
        };
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(calls));
            var token = Principals.Token("admin-structured", AdminScope, [FakeCatalog.BucketName], Principals.ReadActions);
            var output = await NodeScript.RunAsync("mcp-structured-check.mjs", [_fixture.Server.McpUri.ToString(), file],
                new Dictionary<string, string> { ["MCP_TOKEN"] = token });
            var seen = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

            Assert.Equal(calls.Length, seen.Count);
            Assert.All(seen, result =>
            {
                var name = result.GetProperty("name").GetString();
                Assert.False(result.TryGetProperty("rejected", out var rejected), $"{name}: the client refused the result: {rejected}");
                Assert.True(result.GetProperty("outputSchema").GetBoolean(), $"{name} declares no outputSchema");
                Assert.False(result.GetProperty("isError").GetBoolean(), $"{name} failed: {result.GetProperty("text")}");
                var text = result.GetProperty("text").GetString()!;
                Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(text).RootElement, result.GetProperty("structuredContent")), name);
                Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Compact(JsonElement json) => json.GetRawText();

    private Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string subject, string scopes) =>
        Mcp.ConnectAsync(_fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(Principals.Token(subject, scopes, [])));
}
