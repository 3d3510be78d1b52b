using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Api.Tools.Buckets;
using QuiltMcp.Orleans.Api.Tools.Packages;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Hosting;

/// <summary>Registers the MCP front end. The silo (grains, clustering) is composed by the host.</summary>
public static class QuiltMcpServiceCollectionExtensions
{
    public const string McpPath = "/mcp";

    /// <summary>
    /// Everything both transports share: options, health state, the MCP server, its tools and their authorization.
    /// The transport registers its <see cref="IMcpCallerSource"/>: who each request acts for.
    /// </summary>
    public static IMcpServerBuilder AddQuiltMcpCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddQuiltHealth(configuration);

        services.AddOptions<McpServerOptions>().Configure<IOptions<ServerOptions>>((mcp, server) =>
        {
            mcp.ServerInfo = new Implementation { Name = server.Value.Name, Version = server.Value.EffectiveVersion };
            mcp.ServerInstructions = "Browse Quilt data (S3 buckets and Quilt packages) on behalf of the authenticated user. "
                + "Call auth_status to see how you are authenticated.";
        });

        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));
        services.AddOptions<ToolScopeOptions>().Bind(configuration.GetSection(ToolScopeOptions.SectionName));
        services.AddSingleton<ToolAccessPolicy>();
        services.AddSingleton<BucketAccessPolicy>();

        // Meters and EMF lines, then role credentials for principal grains and tools, the catalog client.
        services.AddQuiltTelemetry(configuration);
        services.AddQuiltAwsCredentials(configuration);
        services.AddQuiltCatalog(configuration);
        services.AddQuiltS3(configuration);
        services.AddSingleton<PackageRegistry>();

        // Tools take the caller as a parameter; the caller filters (registered first, so outermost) establish it.
        services.AddScoped(McpCallerFilters.CurrentCaller);
        return services.AddMcpServer()
            .WithRequestFilters(McpCallerFilters.Add)
            .WithRequestFilters(ToolCallMetricsFilter.Add)
            .WithRequestFilters(ToolErrorFilter.Add)
            .WithRequestFilters(ToolAuthorizationFilters.Add)
            .WithTools<AuthTools>()
            .WithTools<DocumentTools>()
            .WithTools<BucketListingTools>()
            .WithTools<BucketObjectReadTools>()
            .WithTools<BucketObjectWriteTools>()
            .WithTools<PackageReadTools>()
            .WithTools<PackageWriteTools>()
            .WithTools<CatalogLinkTools>();
    }

    /// <summary>
    /// The Streamable HTTP front end: bearer JWT authentication (unless the development switch allows anonymous
    /// callers), sessions for initialize clients and stateless service for the others, rate limits, CORS.
    /// </summary>
    public static IMcpServerBuilder AddQuiltMcpHttp(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddQuiltMcpCore(configuration);
        services.AddSingleton<IMcpCallerSource, HttpMcpCallerSource>();
        var sessionSection = configuration.GetSection(McpSessionOptions.SectionName);
        var sessions = sessionSection.Get<McpSessionOptions>() ?? new McpSessionOptions();
        services.AddOptions<McpSessionOptions>().Bind(sessionSection);
        services.AddSingleton<McpSessionCensus>();
        builder.WithHttpTransport(transport =>
        {
            transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;

            // The census tells the eviction retry which requests can lose their session (see McpSessionCensus).
            // MCPEXP002: the hook is marked experimental. It is the SDK's only signal that a session has ended; were it
            // no longer called, no session would be known and every request would be protected (slower, still safe).
#pragma warning disable MCPEXP002
            transport.RunSessionHandler = (context, server, cancellationToken) =>
                context.RequestServices.GetRequiredService<McpSessionCensus>().RunSessionAsync(context, server, cancellationToken);
#pragma warning restore MCPEXP002

            // MCP9006 marks the session settings as back-compat only; serving sessions to clients on the
            // 2025-11-25 revision (and earlier) is exactly what the hybrid mode is for.
#pragma warning disable MCP9006
            transport.MaxIdleSessionCount = sessions.MaxIdleSessionCount;
            transport.IdleTimeout = sessions.IdleTimeout;
#pragma warning restore MCP9006
        });
        services.AddSingleton<ISessionMigrationHandler, GrainSessionMigrationHandler>();
        services.AddSingleton<TerminatedSessions>();
        services.AddSingleton<ISessionTerminationListener>(provider => provider.GetRequiredService<TerminatedSessions>());

        services.AddQuiltTokenValidation(configuration);
        services.AddQuiltRoles(configuration);
        services.AddOptions<ProtectedResourceOptions>().Bind(configuration.GetSection(ProtectedResourceOptions.SectionName));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<ResourceMetadataLocator>();
        services.AddSingleton<ChallengeBuilder>();
        services.AddAuthentication(McpBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, McpBearerAuthenticationHandler>(McpBearerDefaults.AuthenticationScheme, null);
        // The policy names no scheme on purpose: with one, the authorization middleware would authenticate again and
        // replace the request's user, dropping the role that role selection added to its caller. The bearer scheme is
        // the default, so UseAuthentication has already set the user and challenges still go to the bearer handler.
        services.AddAuthorization(authorization => authorization.AddPolicy(McpBearerDefaults.McpPolicy, policy =>
            policy.RequireAuthenticatedUser()));

        services.AddQuiltHttpProtections(configuration);
        return builder;
    }

    /// <summary>The stdio front end for desktop clients: every request runs as the local user.</summary>
    public static IMcpServerBuilder AddQuiltMcpStdio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DesktopCaller>();
        services.AddSingleton<IMcpCallerSource>(provider => provider.GetRequiredService<DesktopCaller>());
        var builder = services.AddQuiltMcpCore(configuration);
        builder.WithStdioServerTransport();
        return builder;
    }

    /// <summary>
    /// The HTTP pipeline: the client address from trusted proxies and in-flight tracking; then Host checks everywhere
    /// but the health endpoints, origin and readiness checks for <c>/mcp</c>, CORS, rate limits (before any token is
    /// validated), authentication (which makes the request's caller), role selection and authorization.
    /// </summary>
    public static WebApplication UseQuiltMcp(this WebApplication app)
    {
        if (TrustedProxyForwarding.IsEnabled(app.Services.GetRequiredService<IOptions<HttpOptions>>().Value))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<InFlightRequestMiddleware>();

        // Load-balancer probes name the task's IP address as Host, so the health endpoints answer whatever the Host.
        app.UseWhen(context => !IsHealthPath(context.Request.Path), checkHost => checkHost.UseMiddleware<HostValidationMiddleware>());
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath),
            mcp => mcp.UseMiddleware<OriginValidationMiddleware>().UseMiddleware<ReadinessGateMiddleware>());
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
        if (!app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AllowAnonymous)
        {
            mcp.RequireAuthorization(McpBearerDefaults.McpPolicy);
        }

        return app;
    }

    private static bool IsHealthPath(PathString path) =>
        path.Equals(HealthEndpoints.LivenessPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpoints.StatusPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpoints.ReadinessPath, StringComparison.OrdinalIgnoreCase);
}
