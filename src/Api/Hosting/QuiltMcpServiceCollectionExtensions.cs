using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Api.Tools.Buckets;
using QuiltMcp.Orleans.Api.Tools.Packages;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Hosting;

/// <summary>Registers the MCP front end. The silo (grains, clustering) is composed by the host.</summary>
public static class QuiltMcpServiceCollectionExtensions
{
    public const string McpPath = "/mcp";

    /// <summary>
    /// Everything both transports share, one registration per capability (each in its own folder with its options and
    /// validator). The transport adds who each request acts for (<see cref="IMcpCallerSource"/>).
    /// </summary>
    public static IMcpServerBuilder AddQuiltMcpCore(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddQuiltServerOptions(configuration)
            .AddQuiltHealth(configuration)
            .AddQuiltTelemetry(configuration)
            .AddQuiltOpenTelemetry(configuration)
            .AddQuiltCaller()
            .AddQuiltAccess(configuration)
            .AddQuiltAwsCredentials(configuration)
            .AddQuiltS3(configuration)
            .AddQuilt3Packages()
            .AddQuiltCatalog(configuration)
            .AddQuiltTools(configuration);

    /// <summary>
    /// The Streamable HTTP front end: the HTTP edge (Host, Origin, CORS, rate limits), bearer authentication (unless
    /// the development switch allows anonymous callers), role selection, and sessions across processes.
    /// </summary>
    public static IMcpServerBuilder AddQuiltMcpHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddQuiltHttpProtections(configuration)
            .AddQuiltBearerAuthentication(configuration)
            .AddQuiltRoles(configuration);

        // Kestrel starts next to the silo rather than after it, so /healthz and /ready answer during start-up (readiness
        // says 503, and /mcp is refused with 503, until the silo is Active). Stopping stays sequential: the web server
        // drains in-flight requests before the silo leaves the cluster.
        services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        return services.AddQuiltMcpCore(configuration).WithQuiltHttpSessions(configuration);
    }

    /// <summary>The stdio front end for desktop clients: every request runs as the local user.</summary>
    /// <remarks>
    /// The transport starts next to the silo, so a client's server/discover probe or initialize is answered at once
    /// (a probe unanswered for 5 s makes SDK clients fall back to initialize, which then races the late answer);
    /// <see cref="DesktopCaller"/> makes the requests that need grains wait until the silo is Active.
    /// </remarks>
    public static IMcpServerBuilder AddQuiltMcpStdio(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        return services.AddQuiltDesktopCaller().AddQuiltMcpCore(configuration).WithStdioServerTransport();
    }

    /// <summary>
    /// The HTTP pipeline: the client address from trusted proxies and in-flight tracking; then Host checks everywhere
    /// but the health endpoints, origin and readiness checks for <c>/mcp</c> (and its 503 when a session's store does not
    /// answer), CORS, rate limits (before any token is validated), authentication (which makes the request's caller), role
    /// selection and authorization.
    /// </summary>
    public static WebApplication UseQuiltMcp(this WebApplication app)
    {
        if (TrustedProxyForwarding.IsEnabled(app.Services.GetRequiredService<IOptions<HttpOptions>>().Value))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<InFlightRequestMiddleware>();

        // Load-balancer probes name the task's IP address as Host, so the health endpoints answer whatever the Host.
        app.UseWhen(context => !HealthEndpoints.IsHealthPath(context.Request.Path), checkHost => checkHost.UseMiddleware<HostValidationMiddleware>());
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath),
            mcp => mcp.UseMiddleware<OriginValidationMiddleware>()
                .UseMiddleware<ReadinessGateMiddleware>()
                .UseMiddleware<RequestBodyLimitMiddleware>()
                .UseMiddleware<SessionStoreUnavailableMiddleware>());
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(McpPath), mcp => mcp.UseMiddleware<RoleSelectionMiddleware>());
        app.UseAuthorization();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath),
            mcp => mcp.UseMiddleware<SessionTerminationMiddleware>().UseMiddleware<SessionEvictionRetryMiddleware>());

        app.MapQuiltHealth();
        app.MapProtectedResourceMetadata();
        var mcp = app.MapMcp(McpPath)
            .RequireRateLimiting(McpRateLimiting.PolicyName)
            .RequireCors(HttpProtectionServiceCollectionExtensions.CorsPolicy);
        mcp.RequireAuthorization(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AllowAnonymous
            ? McpBearerDefaults.McpAnonymousAllowedPolicy
            : McpBearerDefaults.McpPolicy);

        return app;
    }
}
