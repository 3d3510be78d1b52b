using ModelContextProtocol.AspNetCore;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Sessions;

public static class SessionsMcpServerBuilderExtensions
{
    /// <summary>
    /// The Streamable HTTP transport with sessions across processes: stateful for clients that initialize, stateless
    /// for the others; sessions recorded in their grain, rebuilt on another process for their owner, and ended
    /// everywhere by DELETE.
    /// </summary>
    public static IMcpServerBuilder WithQuiltHttpSessions(this IMcpServerBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        var sessionSection = configuration.GetSection(McpSessionOptions.SectionName);
        var sessions = sessionSection.Get<McpSessionOptions>() ?? new McpSessionOptions();
        services.AddOptions<McpSessionOptions>().Bind(sessionSection).ValidateOnStart();
        services.AddSingleton<IValidateOptions<McpSessionOptions>, McpSessionOptionsValidator>();
        services.AddSingleton<McpSessionCensus>();
        services.AddSingleton<RepeatableRequests>();
        services.AddSingleton<ISessionMigrationHandler, GrainSessionMigrationHandler>();
        services.AddSingleton<TerminatedSessions>();
        services.AddSingleton<SessionStoreGuard>();
        services.AddSingleton<ISessionTerminationListener>(provider => provider.GetRequiredService<TerminatedSessions>());
        return builder.WithHttpTransport(transport =>
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
    }
}
