using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>
/// Builds deploy/cdk once and synthesizes it with the npm aws-cdk CLI, five times in parallel: with the
/// module's defaults for the optional inputs (ECS Exec, autoscaling and KMS keys off), with ECS Exec on, with
/// autoscaling on CPU and requests plus customer-managed keys and four secrets, with autoscaling on CPU only, and with
/// the alarm and network options set (WAF, VPC endpoints).
/// </summary>
public sealed class CdkSynthesis : IAsyncLifetime
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "quilt-mcp-cdk-" + Guid.NewGuid().ToString("N"));

    public JsonObject Default { get; private set; } = new();

    public JsonObject WithExec { get; private set; } = new();

    /// <summary>Autoscaling (CPU and requests per target), <c>kmsKeyArns</c> and four secrets: <see cref="SampleInputs.ContextWithOptions"/>.</summary>
    public JsonObject WithOptions { get; private set; } = new();

    public JsonObject WithCpuAutoscaling { get; private set; } = new();

    /// <summary>Alarm thresholds, an SNS topic and the optional network inputs: <see cref="SampleInputs.ContextWithMonitoringOptions"/>.</summary>
    public JsonObject WithMonitoringOptions { get; private set; } = new();

    public static string ProjectDirectory => Path.Combine(RepositoryPaths.Root, "deploy", "cdk");

    public static string AppDll => Path.Combine(ProjectDirectory, "bin", "Release", "net10.0", "quilt-mcp-cdk.dll");

    public async Task InitializeAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var build = await ProcessRunner.RunAsync("dotnet", ["build", ProjectDirectory, "-c", "Release", "-nologo", "-clp:ErrorsOnly"], timeout: TimeSpan.FromMinutes(4));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("deploy/cdk does not build: " + build.Combined);
        }

        Directory.CreateDirectory(_workDirectory);
        var defaults = SynthesizeAsync("default", SampleInputs.Context);
        var exec = SynthesizeAsync("exec", new Dictionary<string, string>(SampleInputs.Context) { ["enableExecuteCommand"] = "true" });
        var options = SynthesizeAsync("options", SampleInputs.ContextWithOptions);
        var cpuOnly = SynthesizeAsync("cpu-autoscaling", SampleInputs.ContextWithCpuAutoscaling);
        var monitoring = SynthesizeAsync("monitoring-options", SampleInputs.ContextWithMonitoringOptions);
        Default = await defaults;
        WithExec = await exec;
        WithOptions = await options;
        WithCpuAutoscaling = await cpuOnly;
        WithMonitoringOptions = await monitoring;
    }

    /// <summary>Runs <c>cdk synth</c>; returns the template, or throws with the CLI's output.</summary>
    public async Task<JsonObject> SynthesizeAsync(string name, IReadOnlyDictionary<string, string> context)
    {
        var result = await RunSynthAsync(name, context);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"cdk synth ({name}) failed: {result.Combined}");
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_workDirectory, name, "quilt-mcp.template.json")))!.AsObject();
    }

    public async Task<ProcessRunner.Result> RunSynthAsync(string name, IReadOnlyDictionary<string, string> context)
    {
        var output = Path.Combine(_workDirectory, name);
        var cli = Path.Combine(RepositoryPaths.NodeModules, "aws-cdk", "bin", "cdk");
        var arguments = new List<string> { cli, "synth", "--app", $"dotnet \"{AppDll}\"", "--output", output, "--quiet", "--no-notices", "--no-version-reporting" };
        foreach (var (key, value) in context)
        {
            arguments.Add("--context");
            arguments.Add($"{key}={value}");
        }

        // Run outside deploy/cdk so its cdk.json "build" step does not rebuild the app for every synth.
        return await ProcessRunner.RunAsync("node", arguments, workingDirectory: _workDirectory,
            environment: new Dictionary<string, string?> { ["CDK_DISABLE_CLI_TELEMETRY"] = "true", ["CDK_DEFAULT_REGION"] = null, ["CDK_DEFAULT_ACCOUNT"] = null },
            timeout: TimeSpan.FromMinutes(3));
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<CdkSynthesis>
{
    public const string Name = "cdk";
}
