using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>
/// The one definition of where settings come from, lowest precedence first: appsettings.json,
/// appsettings.{Environment}.json, environment variables (<c>Section__Key</c>), the seeds' legacy variables
/// (FASTMCP_PORT, …), the command line (<c>--Section:Key=value</c>), and explicit CLI options.
/// </summary>
public static class QuiltConfiguration
{
    /// <summary>
    /// Stops the host's own default sources from watching appsettings files: we replace those sources anyway,
    /// and a file watcher is a thread and inotify handles a server has no use for.
    /// </summary>
    public const string NoReloadOnChange = "--hostBuilder:reloadConfigOnChange=false";

    public static void AddSources(
        IConfigurationBuilder builder,
        string[] args,
        IReadOnlyDictionary<string, string?>? overrides,
        string environmentName)
    {
        builder.SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environmentName}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddLegacyEnvironmentVariables()
            .AddCommandLine(args);
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>Builds the configuration outside a host (to pick the transport, or for CLI subcommands).</summary>
    public static IConfigurationRoot Build(string[] args, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder();
        AddSources(builder, args, overrides, EnvironmentName(args));
        return builder.Build();
    }

    /// <summary>
    /// The hosting environment, read the way the .NET host reads it: <c>--environment</c> on the command line, else
    /// <c>DOTNET_ENVIRONMENT</c> or <c>ASPNETCORE_ENVIRONMENT</c>, else Production. Subcommands such as <c>token</c> build
    /// no host, so they ask here and accept the same <c>--environment Development</c> as <c>serve</c>.
    /// </summary>
    public static string EnvironmentName(string[] args) =>
        new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.EnvironmentKey] is { Length: > 0 } fromCommandLine
            ? fromCommandLine
            : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production;
}
