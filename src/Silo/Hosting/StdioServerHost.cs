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
        // The MCP transport starts next to the silo (AddQuiltMcpStdio), so the protocol is answered at once; requests
        // that act for the user wait for the silo in DesktopCaller.
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        builder.Services.AddQuiltMcpStdio(builder.Configuration);
        builder.Services.AddHostedService<StartupReporter>();
        return builder.Build();
    }
}
