using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuiltMcp.Orleans.Api.Hosting;
using QuiltMcp.Orleans.Silo.Clustering;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>The desktop host: MCP over stdin/stdout with the same silo and tools, logs on stderr only.</summary>
public static class StdioServerHost
{
    public static IHost Build(string[] args, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [QuiltConfiguration.NoReloadOnChange, .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        QuiltConfiguration.AddSources(builder.Configuration, args, overrides, builder.Environment.EnvironmentName);

        LocalSiloPort.ChooseFreeUnlessSet(builder.Configuration);
        JsonLogging.Configure(builder.Logging, toStandardError: true);
        // The silo is registered before the MCP transport and hosted services start one after another here, so the
        // silo is Active before the first request is read: a desktop client sends its first tools/list at once, and
        // a grain call made while the silo still joins would only be retried by Orleans' placement (and logged).
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        builder.Services.AddQuiltMcpStdio(builder.Configuration);
        builder.Services.AddHostedService<StartupReporter>();
        return builder.Build();
    }
}
