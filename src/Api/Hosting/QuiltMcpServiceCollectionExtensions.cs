using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Authorization;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Api.Tools;

namespace QuiltMcp.Orleans.Api.Hosting;

/// <summary>Registers the MCP front end. The silo (grains, clustering) is composed by the host.</summary>
public static class QuiltMcpServiceCollectionExtensions
{
    public const string McpPath = "/mcp";

    /// <summary>Everything both transports share: options, health state, the MCP server, its tools and their authorization.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The host configuration.</param>
    /// <param name="contextFilters">
    /// Request filters that establish the runtime context; they are registered first so they wrap the
    /// authorization filters (the first filter added is the outermost).
    /// </param>
    public static IMcpServerBuilder AddQuiltMcpCore(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IMcpRequestFilterBuilder>? contextFilters = null)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
        {
            host.ShutdownTimeout = shutdown.Value.Timeout;

            // Kestrel starts next to the silo rather than after it, so /healthz and /ready answer during
            // start-up (readiness says 503 until the silo is Active). Stopping stays sequential: the web
            // server drains in-flight requests before the silo leaves the cluster.
            host.ServicesStartConcurrently = true;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServerReadiness>();
        services.AddSingleton<ReadinessProbe>();
        services.AddSingleton<InFlightRequests>();
        services.AddHostedService<ShutdownDrain>();

        services.AddOptions<McpServerOptions>().Configure<IOptions<ServerOptions>>((mcp, server) =>
        {
            mcp.ServerInfo = new Implementation { Name = server.Value.Name, Version = server.Value.EffectiveVersion };
            mcp.ServerInstructions = "Browse Quilt data (S3 buckets and Quilt packages) on behalf of the authenticated user. "
                + "Call auth_status to see how you are authenticated.";
        });

        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));
        services.AddOptions<ToolScopeOptions>().Bind(configuration.GetSection(ToolScopeOptions.SectionName));
        services.AddSingleton<ToolAccessPolicy>();

        var builder = services.AddMcpServer();
        if (contextFilters is not null)
        {
            builder.WithRequestFilters(contextFilters);
        }

        return builder
            .WithRequestFilters(ToolAuthorizationFilters.Add)
            .WithTools<AuthTools>()
            .WithTools<DocumentTools>();
    }

    /// <summary>The Streamable HTTP front end: sessions for initialize clients, stateless for the others.</summary>
    public static IMcpServerBuilder AddQuiltMcpHttp(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddQuiltMcpCore(configuration);
        builder.WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
        return builder;
    }

    /// <summary>The stdio front end for desktop clients: every request runs as the local user.</summary>
    public static IMcpServerBuilder AddQuiltMcpStdio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DesktopPrincipal>();
        var builder = services.AddQuiltMcpCore(configuration, filters =>
        {
            filters.AddListToolsFilter(next => async (request, cancellationToken) =>
            {
                var desktop = request.Services!.GetRequiredService<DesktopPrincipal>();
                await desktop.EnsureIdentifiedAsync();
                using var scope = desktop.Push(request.JsonRpcRequest.Id.ToString());
                return await next(request, cancellationToken);
            });
            filters.AddCallToolFilter(next => async (request, cancellationToken) =>
            {
                var desktop = request.Services!.GetRequiredService<DesktopPrincipal>();
                await desktop.EnsureIdentifiedAsync();
                using var scope = desktop.Push(request.JsonRpcRequest.Id.ToString());
                return await next(request, cancellationToken);
            });
        });
        builder.WithStdioServerTransport();
        return builder;
    }

    /// <summary>The HTTP pipeline: runtime context per request, health endpoints, MCP at <see cref="McpPath"/>.</summary>
    public static WebApplication UseQuiltMcp(this WebApplication app)
    {
        app.UseMiddleware<InFlightRequestMiddleware>();
        app.UseMiddleware<RuntimeContextMiddleware>();
        app.MapQuiltHealth();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath),
            mcp => mcp.UseMiddleware<ReadinessGateMiddleware>());
        app.MapMcp(McpPath);
        return app;
    }
}
