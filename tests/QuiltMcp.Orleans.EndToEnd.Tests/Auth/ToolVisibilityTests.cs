using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Auth;

/// <summary>An MCP client with a valid token sees exactly the tools its scopes allow, and nothing else runs.</summary>
public sealed class ToolVisibilityTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private static readonly string[] ScopedTools = [DocumentTools.PublicName, DocumentTools.ConfidentialName];

    [Theory]
    [InlineData("public:read", new[] { DocumentTools.PublicName })]
    [InlineData("public:read confidential:read", new[] { DocumentTools.PublicName, DocumentTools.ConfidentialName })]
    [InlineData("confidential:read", new[] { DocumentTools.ConfidentialName })]
    [InlineData("", new string[0])]
    public async Task Tools_list_shows_exactly_the_scoped_tools_the_token_allows(string scopes, string[] expected)
    {
        await using var client = await ConnectAsync(scopes);

        var names = (await client.ListToolsAsync()).Select(tool => tool.Name).ToArray();

        Assert.Equal(expected.Order(), names.Intersect(ScopedTools).Order());
        // Identity tools need authentication only: a caller can always ask who the server thinks they are.
        Assert.Contains(AuthTools.AuthStatusName, names);
        Assert.Contains(AuthTools.UserInfoName, names);
    }

    [Fact]
    public async Task Every_tool_has_a_title_and_all_four_hints_and_only_writers_are_not_read_only()
    {
        await using var client = await ConnectAsync("public:read confidential:read quilt:read quilt:write");

        var tools = (await client.ListToolsAsync()).Select(tool => tool.ProtocolTool).ToArray();

        Assert.Equal(22, tools.Length);
        Assert.All(tools, tool =>
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Title), tool.Name);
            Assert.NotNull(tool.Annotations);
            Assert.Equal(tool.Title, tool.Annotations!.Title ?? tool.Title);
            Assert.NotNull(tool.Annotations.ReadOnlyHint);
            Assert.NotNull(tool.Annotations.IdempotentHint);
            Assert.NotNull(tool.Annotations.OpenWorldHint);
        });
        var writers = tools.Where(tool => tool.Annotations!.ReadOnlyHint == false).ToDictionary(tool => tool.Name, tool => tool.Annotations!.DestructiveHint);
        Assert.Equal(new Dictionary<string, bool?>
        {
            ["bucket_objects_put"] = true,
            // With copy: true they overwrite the data under <package>/ in the registry bucket.
            ["package_create"] = true,
            ["package_update"] = true,
            ["package_delete"] = true,
        }, writers);
    }

    [Fact]
    public async Task An_authorized_call_returns_the_document()
    {
        await using var client = await ConnectAsync("public:read");

        var result = await client.CallToolAsync(DocumentTools.PublicName);

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("# Quilt Data — public overview", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task A_call_outside_the_scopes_is_a_tool_error_naming_the_missing_scope()
    {
        await using var client = await ConnectAsync("public:read");

        var result = await client.CallToolAsync(DocumentTools.ConfidentialName);

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("Access denied: tool 'get_confidential_info' requires scope 'confidential:read'.", text);
    }

    private Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string scopes) =>
        Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(TestTokens.Issue($"viewer-{Guid.NewGuid():N}", scopes)));
}
