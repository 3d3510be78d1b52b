using System.Globalization;
using System.Text.Json;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Recipe;

/// <summary>
/// Runs the README's "Try every tool locally" block literally with bash, as a newcomer would paste it, in a copy of
/// the working tree that holds nothing built or installed: npm ci, s3rver, the server over stdio and over HTTP, the
/// official TypeScript client. Only the environment is the test's: free ports (the recipe reads S3_PORT, MCP_PORT and,
/// like every setting, Cluster__SiloPort), a private TMPDIR, no AWS settings, and builds that leave no server behind.
/// </summary>
[Collection(RecipeCollection.Name)]
public sealed class ReadmeRecipeTests
{
    private static readonly string Readme = Path.Combine(RepositoryPaths.Root, "README.md");

    [Fact]
    public void The_recipe_is_at_most_five_commands()
    {
        var recipe = ReadmeRecipe.Read(Readme);

        Assert.InRange(recipe.Commands.Count, 1, 5);
        Assert.Contains(recipe.Commands, command => command.EndsWith(" &", StringComparison.Ordinal) && command.Contains("s3rver", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_recipe_writes_packages_and_reads_them_back_over_stdio_and_http_with_no_aws_account()
    {
        var recipe = ReadmeRecipe.Read(Readme);
        using var tree = WorkingTreeCopy.Create();
        var temporary = Directory.CreateDirectory(Path.Combine(tree.Root, ".recipe-tmp")).FullName;
        var script = Path.Combine(temporary, "recipe.sh");
        await File.WriteAllTextAsync(script, recipe.Script);

        var session = ShellSession.Start(script, tree.Root, RecipeEnvironment(temporary));
        int exitCode;
        await using (session)
        {
            try
            {
                // A bound on a broken run, not a claim about speed: the recipe installs, builds and starts two servers.
                exitCode = await session.WaitForScriptAsync(TimeSpan.FromMinutes(6));
            }
            catch (TimeoutException)
            {
                Assert.Fail("The recipe did not finish in time.\n" + Transcript(session, temporary));
                return;
            }

            Assert.True(exitCode == 0, $"The recipe failed ({exitCode}).\n" + Transcript(session, temporary));
            // The script has exited, but its last lines may still be on their way through the output reader (the background
            // jobs keep the pipe open, so there is no end of stream to wait for). Four lines are expected; fewer fail below.
            try
            {
                await Eventually.TrueAsync(() => session.Output.Lines.Count(IsCallLine) >= 4, TimeSpan.FromSeconds(10), "four call lines");
            }
            catch (TimeoutException)
            {
            }

            var calls = session.Output.Lines.Where(IsCallLine)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
            AssertCalls(calls, Transcript(session, temporary));

            // The HTTP server said what the local S3 mode skips (it is still running: the recipe leaves it to the reader).
            Assert.Contains(File.ReadLines(Path.Combine(temporary, "quilt-mcp.log")), line => line.Contains("\"EventId\":4010", StringComparison.Ordinal));
            Assert.NotEmpty(session.Members());
        }

        Assert.Empty(session.Members());
    }

    private static bool IsCallLine(string line) => line.StartsWith("{\"transport\":", StringComparison.Ordinal);

    private static void AssertCalls(JsonElement[] calls, string transcript)
    {
        Assert.True(calls.Length == 4, "Expected four tool calls.\n" + transcript);
        Assert.Equal(
            [("stdio", "bucket_objects_put"), ("stdio", "package_create"), ("http", "bucket_objects_list"), ("http", "package_browse")],
            calls.Select(call => (call.GetProperty("transport").GetString(), call.GetProperty("tool").GetString())));
        Assert.All(calls, call => Assert.False(call.GetProperty("isError").GetBoolean(), call.ToString()));
        var (put, created, listed, browsed) = (calls[0].GetProperty("result"), calls[1].GetProperty("result"), calls[2].GetProperty("result"), calls[3].GetProperty("result"));

        var written = Assert.Single(put.GetProperty("items").EnumerateArray());
        Assert.Equal("hello/readme.md", written.GetProperty("key").GetString());
        Assert.True(written.GetProperty("written").GetBoolean());

        Assert.Equal("alice/hello", created.GetProperty("package").GetString());
        Assert.Equal(1, created.GetProperty("entries").GetInt32());
        var topHash = created.GetProperty("top_hash").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", topHash);

        var listedObject = Assert.Single(listed.GetProperty("objects").EnumerateArray());
        Assert.Equal("hello/readme.md", listedObject.GetProperty("key").GetString());
        Assert.Equal("# Hello from quilt-mcp".Length, listedObject.GetProperty("size").GetInt64());

        Assert.Equal(topHash, browsed.GetProperty("top_hash").GetString());
        Assert.Equal("first", browsed.GetProperty("message").GetString());
        var entry = Assert.Single(browsed.GetProperty("entries").EnumerateArray());
        Assert.Equal("readme.md", entry.GetProperty("logical_key").GetString());
        Assert.Equal("s3://demo/hello/readme.md", entry.GetProperty("physical_key").GetString());
    }

    /// <summary>
    /// The test process's environment without anything that configures AWS or this server, plus free ports, a private
    /// TMPDIR and builds that start no long-lived compiler or MSBuild servers (which would outlive the session).
    /// </summary>
    private static Dictionary<string, string?> RecipeEnvironment(string temporary)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("MCP_", StringComparison.Ordinal)
                || name.StartsWith("QUILT_", StringComparison.Ordinal) || name.StartsWith("FASTMCP_", StringComparison.Ordinal)
                || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Contains("__", StringComparison.Ordinal)
                || name is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT" or "LOG_LEVEL" or "S3_PORT")
            {
                environment[name] = null;
            }
        }

        environment["S3_PORT"] = Port();
        environment["MCP_PORT"] = Port();
        environment["Cluster__SiloPort"] = Port();
        environment["TMPDIR"] = temporary;
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private static string Transcript(ShellSession session, string temporary)
    {
        var log = Path.Combine(temporary, "quilt-mcp.log");
        var serverLog = File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(30)) : "(no HTTP server log)";
        return $"--- stdout ---\n{string.Join("\n", session.Output.Lines)}\n--- stderr ---\n{string.Join("\n", session.Error.Lines.TakeLast(60))}"
            + $"\n--- HTTP server log ---\n{serverLog}";
    }
}
