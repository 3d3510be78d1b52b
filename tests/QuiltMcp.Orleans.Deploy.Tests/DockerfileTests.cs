using System.Text.Json;
using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>No Docker engine here: the Dockerfile is read instruction by instruction and checked.</summary>
public sealed partial class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    private static string DockerfilePath => Path.Combine(RepositoryPaths.Root, "Dockerfile");

    /// <summary>Instructions with line continuations joined and comments dropped.</summary>
    private static List<Instruction> Instructions()
    {
        var joined = ContinuationPattern().Replace(File.ReadAllText(DockerfilePath), " ");
        return [.. joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2) is [var keyword, var rest] ? new Instruction(keyword.ToUpperInvariant(), rest.Trim()) : new Instruction(line.ToUpperInvariant(), string.Empty))];
    }

    /// <summary>The instructions of the last stage, the one that becomes the image.</summary>
    private static List<Instruction> FinalStage()
    {
        var all = Instructions();
        return all.Skip(all.FindLastIndex(i => i.Keyword == "FROM")).ToList();
    }

    /// <summary>The HEALTHCHECK command as exec-form words.</summary>
    public static string[] HealthcheckCommand()
    {
        var healthcheck = Assert.Single(FinalStage(), i => i.Keyword == "HEALTHCHECK");
        var json = healthcheck.Arguments[(healthcheck.Arguments.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..].Trim();
        return JsonSerializer.Deserialize<string[]>(json)!;
    }

    [Fact]
    public void BuildsWithTheSdkAndShipsOnlyTheAspNetRuntimeForAmd64()
    {
        var froms = Instructions().Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.True(froms.Count >= 2, "multi-stage build expected");
        Assert.Matches(@"mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", froms[0]);
        Assert.Matches(@"^--platform=linux/amd64 mcr\.microsoft\.com/dotnet/aspnet:\S+ AS runtime$", froms[^1]);

        var final = FinalStage();
        var copies = final.Where(i => i.Keyword == "COPY").ToList();
        Assert.All(copies, c => Assert.StartsWith("--from=build", c.Arguments, StringComparison.Ordinal));
        Assert.Contains(copies, c => c.Arguments.EndsWith("/app ./", StringComparison.Ordinal));
        Assert.Equal("/app", Assert.Single(final, i => i.Keyword == "WORKDIR").Arguments);
    }

    [Fact]
    public void PublishesTheSiloExecutableWithTheGitShaAsSourceRevision()
    {
        var publish = Assert.Single(Instructions(), i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Silo/QuiltMcp.Orleans.Silo.csproj", publish.Arguments);
        Assert.Contains("-o /app", publish.Arguments);
        Assert.Contains("-p:SourceRevisionId=${GIT_SHA}", publish.Arguments);
        Assert.Contains("-r linux-x64", publish.Arguments);

        // /app/quilt-mcp in the health check and entrypoint exists only if the assembly keeps that name.
        var project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Silo", "QuiltMcp.Orleans.Silo.csproj"));
        Assert.Contains("<AssemblyName>quilt-mcp</AssemblyName>", project);
    }

    [Fact]
    public void RunsAsANonRootUser()
    {
        var user = Assert.Single(FinalStage(), i => i.Keyword == "USER").Arguments;
        var name = user.Split(':')[0];
        Assert.NotEqual("root", name);
        Assert.NotEqual("0", name);
        Assert.True(int.TryParse(name, out var uid) && uid >= 1000, $"USER {user} should be a numeric unprivileged uid");
        // Nothing after USER may switch back.
        var final = FinalStage();
        Assert.Equal(1, final.Count(i => i.Keyword == "USER"));
    }

    [Fact]
    public void ListensOn8000OnEveryInterfaceWithStreamableHttp()
    {
        var final = FinalStage();
        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments == "8000");
        var environment = string.Join(' ', final.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Matches(@"(^|\s)FASTMCP_ADDR=0\.0\.0\.0(\s|$)", environment);
        Assert.Matches(@"(^|\s)FASTMCP_PORT=8000(\s|$)", environment);
        Assert.Matches(@"(^|\s)FASTMCP_TRANSPORT=streamable-http(\s|$)", environment);
    }

    [Fact]
    public void HealthcheckRunsTheBinaryItselfWithoutCurl()
    {
        Assert.Equal(["/app/quilt-mcp", "healthcheck"], HealthcheckCommand());
        var healthcheck = Assert.Single(FinalStage(), i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Matches(@"--interval=\d+s", healthcheck);
        Assert.Matches(@"--start-period=\d+s", healthcheck);
        var text = File.ReadAllText(DockerfilePath);
        Assert.DoesNotMatch(@"(?m)^\s*RUN\b.*\b(curl|wget|apt-get)\b", text);
    }

    [Fact]
    public void EntrypointIsExecFormSoSigtermReachesTheServer()
    {
        var entrypoint = Assert.Single(FinalStage(), i => i.Keyword == "ENTRYPOINT").Arguments;
        var words = JsonSerializer.Deserialize<string[]>(entrypoint)!;
        Assert.Equal(["/app/quilt-mcp"], words);
        var command = Assert.Single(FinalStage(), i => i.Keyword == "CMD").Arguments;
        Assert.Equal(["serve"], JsonSerializer.Deserialize<string[]>(command)!);
        Assert.DoesNotContain(FinalStage(), i => i.Keyword == "STOPSIGNAL" && !i.Arguments.Contains("SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public void NoSecretIsBakedIntoTheImage()
    {
        foreach (var instruction in Instructions().Where(i => i.Keyword is "ENV" or "ARG" or "LABEL"))
        {
            Assert.DoesNotMatch(@"(?i)(secret|password|token|private_key|aws_access_key|aws_secret)", instruction.Arguments);
        }

        Assert.DoesNotContain("MCP_ENHANCED_JWT", File.ReadAllText(DockerfilePath));
    }

    [Theory]
    [InlineData("src/Silo/Program.cs", true)]
    [InlineData("src/Api/Health/HealthEndpoints.cs", true)]
    [InlineData("Directory.Packages.props", true)]
    [InlineData("src/Silo/bin/Release/net10.0/quilt-mcp.dll", false)]
    [InlineData("src/Api/obj/project.assets.json", false)]
    [InlineData(".git/config", false)]
    [InlineData(".env", false)]
    [InlineData("src/Silo/.env", false)]
    [InlineData("tests/node/node_modules/dynalite/index.js", false)]
    [InlineData("deploy/terraform/terraform.tfstate", false)]
    [InlineData("test.sh", false)]
    public void DockerignoreAdmitsOnlyWhatTheBuildNeeds(string path, bool admitted)
    {
        Assert.Equal(admitted, DockerignoreAdmits(path));
    }

    [Fact]
    public void EveryCopiedSourceIsInTheBuildContext()
    {
        var sources = Instructions()
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Where(s => s != ".")
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, source)), $"COPY source {source} does not exist");
            Assert.True(DockerignoreAdmits(source), $"COPY source {source} is excluded by .dockerignore");
        });
    }

    /// <summary>Docker's rule: the last matching pattern wins, "!" re-admits; a directory match covers its contents.</summary>
    private static bool DockerignoreAdmits(string path)
    {
        var admitted = true;
        foreach (var raw in File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negated = line.StartsWith('!');
            var pattern = (negated ? line[1..] : line).TrimEnd('/');
            var regex = "^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "(/.*)?$";
            if (Regex.IsMatch(path, regex))
            {
                admitted = negated;
            }
        }

        return admitted;
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuationPattern();
}
