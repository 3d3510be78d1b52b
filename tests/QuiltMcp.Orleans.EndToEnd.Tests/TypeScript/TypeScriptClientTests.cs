using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.TypeScript;

/// <summary>The official MCP TypeScript SDK client (npm @modelcontextprotocol/sdk) against the real server.</summary>
public sealed class TypeScriptClientTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    [Fact]
    public async Task Typescript_client_initializes_lists_and_calls_over_http()
    {
        var seen = await RunClientAsync(
            new Dictionary<string, string> { ["MCP_TOKEN"] = TestTokens.Issue("ts-client naïve ✓ куилт", "public:read") },
            "http", fixture.Server.McpUri.ToString(), "auth_status");

        Assert.False(string.IsNullOrEmpty(seen.GetProperty("sessionId").GetString()));
        Assert.Equal("quilt-mcp", seen.GetProperty("server").GetProperty("name").GetString());
        Assert.Contains("get_user_info", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.False(seen.GetProperty("isError").GetBoolean());
        Assert.Equal("web-jwt", seen.GetProperty("result").GetProperty("environment").GetString());
        Assert.Equal("ts-client naïve ✓ куилт", seen.GetProperty("result").GetProperty("subject").GetString());

        // What the model reads: the result's text carries the subject as text, not as \uXXXX escapes.
        var text = seen.GetProperty("text").GetString()!;
        Assert.Contains("\"subject\":\"ts-client naïve ✓ куилт\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typescript_client_lists_and_calls_over_stdio()
    {
        // The TypeScript client starts the server itself, so the test hands it a silo port; a port taken in between
        // shows in the server's stderr (which the client passes through) and the run starts again on a fresh one.
        var seen = await PortRetry.RunAsync(() => RunClientAsync(
            new Dictionary<string, string> { ["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "stdio", "get_user_info", "dotnet", QuiltMcpExecutable.Path, "--transport", "stdio"));

        Assert.Contains("auth_status", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.False(seen.GetProperty("isError").GetBoolean());
        Assert.Equal("desktop-stdio", seen.GetProperty("result").GetProperty("environment").GetString());
        Assert.Equal(Environment.UserName, seen.GetProperty("result").GetProperty("subject").GetString());
    }

    private static async Task<JsonElement> RunClientAsync(IDictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output, error) = await NodeScript.RunRawAsync("mcp-client-check.mjs", arguments, environment);
        if (exitCode != 0 && PortInUseException.IsReportedIn(error))
        {
            throw new PortInUseException($"the server's silo port was taken: {error}");
        }

        Assert.True(exitCode == 0, $"node client failed ({exitCode}): {error}");
        return JsonDocument.Parse(output.Trim()).RootElement.Clone();
    }
}
