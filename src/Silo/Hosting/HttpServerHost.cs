using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Api.Hosting;
using QuiltMcp.Orleans.Silo.Clustering;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>The web host: Kestrel + MCP Streamable HTTP + health, with the silo co-hosted in the same process.</summary>
public static class HttpServerHost
{
    private const string KestrelEndpointsSection = "Kestrel:Endpoints";

    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="overrides">Explicit settings from CLI options; they win over everything else.</param>
    /// <param name="server">The validated Server section.</param>
    /// <param name="configure">A last chance to add services before the host is built (embedding, tests).</param>
    public static WebApplication Build(
        string[] args,
        IReadOnlyDictionary<string, string?>? overrides,
        ServerOptions server,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [QuiltConfiguration.NoReloadOnChange, .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        QuiltConfiguration.AddSources(builder.Configuration, args, overrides, builder.Environment.EnvironmentName);

        JsonLogging.Configure(builder.Logging, toStandardError: false);
        // Kestrel endpoints set in configuration (an HTTPS listener, a launcher's port 0) replace the Server address;
        // naming both would make Kestrel warn at every start that it ignores the latter.
        if (!builder.Configuration.GetSection(KestrelEndpointsSection).Exists())
        {
            builder.WebHost.UseUrls(ListenUrl(server));
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        builder.Services.AddQuiltMcpHttp(builder.Configuration);
        builder.Services.AddHostedService<StartupReporter>();

        // This process owns SIGTERM: a stop signal drains (readiness 503, in-flight requests finish) before the host stops.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, DrainingConsoleLifetime>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseQuiltMcp();
        return app;
    }

    internal static string ListenUrl(ServerOptions server)
    {
        var host = server.Address.Contains(':', StringComparison.Ordinal) && !server.Address.StartsWith('[')
            ? $"[{server.Address}]"
            : server.Address;
        return $"http://{host}:{server.Port}";
    }
}
