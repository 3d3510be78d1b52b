using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// No AWS account or Docker engine is reachable, so the phases are checked through their dry runs, which
/// print exactly the commands a real run executes; shellcheck keeps the scripts clean.
/// </summary>
public sealed class PipelineScriptTests
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-2.amazonaws.com";

    private static readonly Lazy<Task<string>> Sha = new(async () =>
    {
        var result = await ProcessRunner.RunAsync("git", ["rev-parse", "--short", "HEAD"]);
        Assert.Equal(0, result.ExitCode);
        return result.Output.Trim();
    });

    private static string Root => RepositoryPaths.Root;

    private static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static Task<ProcessRunner.Result> RunAsync(string script, string[] arguments, Dictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["ECR_REGISTRY"] = null, ["ECR_REPOSITORY"] = null, ["ECS_CLUSTER"] = null, ["MCP_SERVICE_NAME"] = null,
            ["MCP_ENDPOINT"] = null, ["MCP_TOKEN"] = null, ["CFN_PARAMETER_OVERRIDES"] = null, ["MCP_STACK_NAME"] = null,
        };
        foreach (var (key, value) in environment ?? [])
        {
            env[key] = value;
        }

        return ProcessRunner.RunAsync("bash", [Script(script), .. arguments], environment: env, timeout: TimeSpan.FromMinutes(1));
    }

    private static string[] Lines(ProcessRunner.Result result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A dry run succeeds and prints exactly the commands a real run executes, given the checkout's SHA.</summary>
    private static async Task AssertDryRunPrintsAsync(
        string script, string[] arguments, Func<string, string[]> expectedCommands, Dictionary<string, string?>? environment = null)
    {
        var result = await RunAsync(script, arguments, environment);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expectedCommands(await Sha.Value), Lines(result));
    }

    /// <summary>Bad input fails with <paramref name="message"/> before any command is printed (so before any is run).</summary>
    private static async Task AssertRefusedBeforeRunningAnythingAsync(
        string script, string[] arguments, Dictionary<string, string?> environment, string message)
    {
        var result = await RunAsync(script, arguments, environment);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("+ ", result.Output);
    }

    [Fact]
    public async Task EveryScriptIsShellcheckClean()
    {
        if (!await ShellcheckAvailableAsync())
        {
            var install = await ProcessRunner.RunAsync("bash", [Script("install-test-prerequisites.sh")], timeout: TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, "shellcheck is missing and could not be installed: " + install.Combined);
        }

        var scripts = Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh", SearchOption.AllDirectories).Order().ToList();
        Assert.True(scripts.Count >= 8, "expected the phase scripts, the pipeline, the shared library and the installer");
        var result = await ProcessRunner.RunAsync("shellcheck", ["--external-sources", "--severity=style", .. scripts]);
        Assert.True(result.ExitCode == 0, result.Combined);
    }

    [Fact]
    public async Task AppPhaseBuildsAndRunsTheTestSuiteAtTheGitSha()
    {
        await AssertDryRunPrintsAsync("app.sh", ["--dry-run"], sha =>
        [
            $"+ dotnet build {Root}/QuiltMcp.Orleans.sln -c Release -nologo -p:SourceRevisionId={sha}",
            $"+ {Root}/test.sh",
        ]);
    }

    [Fact]
    public async Task ImagePhaseBuildsForAmd64TaggedWithTheGitSha()
    {
        await AssertDryRunPrintsAsync("build-image.sh", ["--dry-run"], sha =>
        [
            $"+ docker build --platform linux/amd64 --build-arg GIT_SHA={sha} --tag quilt-mcp:{sha} {Root}",
            $"+ docker run --rm --platform linux/amd64 quilt-mcp:{sha} --help",
        ]);
    }

    [Fact]
    public async Task PushPhaseLogsInToTheRegistrysRegionAndPushesTheShaTag()
    {
        await AssertDryRunPrintsAsync("push-image.sh", ["--dry-run"], sha =>
        [
            $"+ docker image inspect --format '{{{{.Id}}}}' quilt-mcp:{sha}",
            $"+ aws ecr get-login-password --region eu-west-2 | docker login --username AWS --password-stdin {Registry}",
            $"+ docker tag quilt-mcp:{sha} {Registry}/quilt-mcp:{sha}",
            $"+ docker push {Registry}/quilt-mcp:{sha}",
        ], new() { ["ECR_REGISTRY"] = Registry });
    }

    [Theory]
    [InlineData(null, "ECR_REGISTRY is not set")]
    [InlineData("quilt-mcp.example.com", "ECR_REGISTRY='quilt-mcp.example.com' is not valid")]
    public async Task PushPhaseRefusesAMissingOrForeignRegistryBeforeRunningAnything(string? registry, string message)
    {
        await AssertRefusedBeforeRunningAnythingAsync("push-image.sh", ["--dry-run"], new() { ["ECR_REGISTRY"] = registry }, message);
    }

    [Fact]
    public async Task DeployPhaseAppliesTerraformWithTheShaImageAndWaitsForStability()
    {
        await AssertDryRunPrintsAsync("deploy.sh", ["--dry-run"], sha =>
        [
            $"+ terraform -chdir={Root}/deploy/terraform init -input=false",
            $"+ terraform -chdir={Root}/deploy/terraform apply -input=false -auto-approve -var=container_image={Registry}/quilt-mcp:{sha} -var=app_version={sha}",
            "+ aws ecs wait services-stable --region eu-west-2 --cluster sales-prod --services quilt-mcp",
            "+ aws ecs describe-services --region eu-west-2 --cluster sales-prod --services quilt-mcp --query 'services[0].deployments[].{status:status,taskDefinition:taskDefinition,running:runningCount,desired:desiredCount}' --output table",
        ], new() { ["ECR_REGISTRY"] = Registry, ["ECS_CLUSTER"] = "sales-prod" });
    }

    [Fact]
    public async Task DeployPhaseCanUseTheCloudFormationTemplate()
    {
        var result = await RunAsync("deploy.sh", ["--dry-run", "--tool", "cloudformation", "--stack-name", "mcp-prod"],
            new() { ["ECR_REGISTRY"] = Registry, ["ECS_CLUSTER"] = "sales-prod", ["MCP_SERVICE_NAME"] = "mcp", ["CFN_PARAMETER_OVERRIDES"] = "DesiredCount=3 SecretCount=2" });
        Assert.Equal(0, result.ExitCode);
        var sha = await Sha.Value;
        var lines = Lines(result);
        Assert.Equal(
            $"+ aws cloudformation deploy --region eu-west-2 --stack-name mcp-prod --template-file {Root}/deploy/cloudformation/mcp_server.yml --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides ContainerImage={Registry}/quilt-mcp:{sha} AppVersion={sha} DesiredCount=3 SecretCount=2",
            lines[0]);
        Assert.Equal("+ aws ecs wait services-stable --region eu-west-2 --cluster sales-prod --services mcp", lines[1]);
    }

    [Fact]
    public async Task DeployPhaseRejectsAnUnknownTool()
    {
        await AssertRefusedBeforeRunningAnythingAsync("deploy.sh", ["--dry-run", "--tool", "pulumi"], new() { ["ECR_REGISTRY"] = Registry, ["ECS_CLUSTER"] = "sales-prod" }, "unknown --tool 'pulumi'");
    }

    [Fact]
    public async Task TestEndpointDryRunShowsTheThreeCallsAndNeverTheToken()
    {
        var result = await RunAsync("test-endpoint.sh", ["--dry-run", "--url", "https://demo.quiltdata.com/mcp", "--tool", "get_user_info"],
            new() { ["MCP_TOKEN"] = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2ln" });
        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("+ curl --silent --show-error --include --max-time 30 -X POST -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H 'Authorization: Bearer ***'", line, StringComparison.Ordinal));
        Assert.All(lines, line => Assert.EndsWith(" https://demo.quiltdata.com/mcp", line, StringComparison.Ordinal));
        Assert.Contains("\"method\":\"initialize\"", lines[0]);
        Assert.DoesNotContain("Mcp-Session-Id", lines[0]);
        Assert.Contains("\"method\":\"notifications/initialized\"", lines[1]);
        Assert.Contains("\"method\":\"tools/list\"", lines[2]);
        Assert.Contains("\"method\":\"tools/call\",\"params\":{\"name\":\"get_user_info\",\"arguments\":{}}", lines[3]);
        Assert.All(lines[1..], line => Assert.Contains("-H 'Mcp-Session-Id: $MCP_SESSION_ID'", line));
        Assert.DoesNotContain("c2VjcmV0", result.Combined);
    }

    [Fact]
    public async Task FullPipelineRunsThePhasesInOrderWithOneVersion()
    {
        var result = await RunAsync("pipeline.sh", ["--dry-run", "full"],
            new() { ["ECR_REGISTRY"] = Registry, ["ECS_CLUSTER"] = "sales-prod", ["MCP_ENDPOINT"] = "https://demo.quiltdata.com/mcp" });
        Assert.Equal(0, result.ExitCode);
        var sha = await Sha.Value;
        var lines = Lines(result);
        int IndexOf(string fragment) => Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        var order = new[] { "test.sh", "docker build", "docker push", "terraform", "services-stable", "\"method\":\"tools/call\"" }.Select(IndexOf).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        // Every version-bearing command carries the same SHA and no other tag.
        var versioned = lines.Where(l => l.Contains("quilt-mcp:", StringComparison.Ordinal) || l.Contains("SourceRevisionId", StringComparison.Ordinal)).ToList();
        Assert.True(versioned.Count >= 6);
        Assert.All(versioned, l => Assert.Contains(sha, l));
        Assert.DoesNotContain(lines, l => l.Contains(":latest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailingPhaseStopsThePipeline()
    {
        // No ECR_REGISTRY: app and image run, push fails its input check, deploy and test never start.
        var result = await RunAsync("pipeline.sh", ["--dry-run", "full"], new() { ["ECS_CLUSTER"] = "sales-prod", ["MCP_ENDPOINT"] = "https://demo.quiltdata.com/mcp" });
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("docker build", result.Output);
        Assert.DoesNotContain("docker push", result.Output);
        Assert.DoesNotContain("terraform", result.Output);
        Assert.DoesNotContain("curl", result.Output);
        Assert.Contains("ECR_REGISTRY is not set", result.Error);
    }

    [Fact]
    public async Task EachPhaseRunsAloneThroughThePipeline()
    {
        var alone = await RunAsync("pipeline.sh", ["--dry-run", "image"]);
        var direct = await RunAsync("build-image.sh", ["--dry-run"]);
        Assert.Equal(0, alone.ExitCode);
        Assert.Equal(direct.Output, alone.Output);

        var unknown = await RunAsync("pipeline.sh", ["--dry-run", "release"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("usage:", unknown.Error);
    }

    private static async Task<bool> ShellcheckAvailableAsync()
    {
        try
        {
            return (await ProcessRunner.RunAsync("shellcheck", ["--version"])).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
