using System.Diagnostics;
using System.Globalization;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Cli;

/// <summary>
/// The built quilt-mcp with a Development-only setting in another environment: it stops before it serves anything,
/// with exit code 2 and one line naming the setting, over either transport.
/// </summary>
public sealed class DevelopmentOnlySettingsTests
{
    public static TheoryData<string, string[]> Environments() => new()
    {
        { "Production", [] },
        { "Staging", ["--transport", "stdio"] },
        { "Production", ["--transport", "stdio"] },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_local_s3_outside_development_stops_the_start_with_exit_code_2_naming_the_setting(string environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { QuiltMcpExecutable.Path, "--port", Port(), "--Cluster:SiloPort=" + Port() }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["Development__LocalS3"] = "http://127.0.0.1:4568";
        // Every other setting is valid for production, so this is the one refusal.
        start.Environment["MCP_ENHANCED_JWT_SECRET"] = TestTokens.Secret;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(ServerLauncher.ExitConfigurationError, process.ExitCode);
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "quilt-mcp: configuration error: Development:LocalS3 is for local development only and must not be set outside the "
            + $"Development environment (this one is '{environment}'): remove it, or on a developer's machine run in Development "
            + "(--environment Development).",
            lines[^1]);
        Assert.DoesNotContain("\"jsonrpc\"", await output, StringComparison.Ordinal);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
