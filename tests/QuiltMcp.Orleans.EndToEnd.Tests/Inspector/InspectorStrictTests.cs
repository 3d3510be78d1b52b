using System.Text.Json;
using System.Text.RegularExpressions;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Inspector;

/// <summary>
/// Our tools/list as the MCP Inspector CLI judges it in <c>--strict</c> mode, which reports every tool-schema portability
/// problem (type unions, untyped or boolean schemas, remote references) and exits non-zero on an error: none may be
/// reported, over HTTP (a caller with every scope) and over stdio (a desktop user, who sees every tool). And every tool
/// carries what a client shows and a model decides with: a title, a description, all four behaviour hints, and an
/// outputSchema when its result is a JSON object.
/// </summary>
public sealed class InspectorStrictTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string AllScopes = "quilt:read quilt:write quilt:admin public:read confidential:read";

    /// <summary>The tools whose result is not one JSON object: documents as text, and an object's bytes as image, text or blob.</summary>
    private static readonly string[] WithoutOutputSchema = ["get_public_info", "get_confidential_info", "bucket_object_fetch"];

    [Fact]
    public async Task Strict_tools_list_over_http_reports_nothing_and_every_tool_is_described()
    {
        var token = TestTokens.Issue("inspector", AllScopes);

        var run = await InspectorCli.RunAsync(fixture.Server.McpUri.ToString(),
            "--header", $"Authorization: Bearer {token}", "--method", "tools/list", "--strict");

        AssertCleanAndComplete(run);
    }

    [Fact]
    public async Task Strict_tools_list_over_stdio_reports_nothing_and_every_tool_is_described()
    {
        // The transport is chosen by the environment: the Inspector would take a --transport after the command as its own.
        var run = await InspectorCli.RunAsync("-e", "DOTNET_ENVIRONMENT=Production", "-e", "FASTMCP_TRANSPORT=stdio",
            "--method", "tools/list", "--strict", "dotnet", RepositoryPaths.ServerAssembly);

        AssertCleanAndComplete(run);
    }

    private static void AssertCleanAndComplete(InspectorCli.Run run)
    {
        Assert.True(run.ExitCode == 0, $"inspector exited {run.ExitCode}: {run.Error}");
        // A stdio server's own log lines (JSON) pass through on stderr; the Inspector's findings are its plain lines.
        var findings = run.Error.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('{')).ToList();
        Assert.True(findings.Count == 0, $"the Inspector reported: {string.Join('\n', findings)}");

        using var listed = JsonDocument.Parse(run.Output);
        var tools = listed.RootElement.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(26, tools.Count);
        var names = tools.Select(tool => tool.GetProperty("name").GetString()!).ToHashSet();
        foreach (var tool in tools)
        {
            var name = tool.GetProperty("name").GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(tool.GetProperty("title").GetString()), $"{name} has no title");
            var description = tool.GetProperty("description").GetString()!;
            Assert.True(description.Length >= 40, $"{name} has no real description");
            // Descriptions send the model to other tools by name: each one named must exist.
            foreach (var mentioned in Regex.Matches(description, @"\b(?:auth|aws|get|bucket|package|catalog|admin)_[a-z_]+\b").Select(match => match.Value))
            {
                Assert.True(names.Contains(mentioned), $"{name}'s description names '{mentioned}', which is no tool");
            }

            var annotations = tool.GetProperty("annotations");
            foreach (var hint in new[] { "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint" })
            {
                Assert.True(annotations.TryGetProperty(hint, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    $"{name} does not say {hint}");
            }

            var declaresOutput = tool.TryGetProperty("outputSchema", out var output);
            Assert.Equal(!WithoutOutputSchema.Contains(name), declaresOutput);
            if (declaresOutput)
            {
                Assert.Equal("object", output.GetProperty("type").GetString());
            }
        }
    }
}
