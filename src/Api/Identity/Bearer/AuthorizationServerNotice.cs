using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Says once at start-up why OAuth discovery names no authorization server when none is configured (typical in
/// Development with the built-in key): OAuth clients then cannot sign in by themselves and need a token handed to them.
/// </summary>
public sealed partial class AuthorizationServerNotice(AuthorizationServerList servers, ILogger<AuthorizationServerNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (servers.Current().Count == 0)
        {
            LogNoAuthorizationServer(logger, McpBearerDefaults.ResourceMetadataPath, AuthorizationServerList.Settings);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "OAuth discovery ({MetadataPath}) lists no authorization server because none is configured ({Settings}): "
            + "OAuth clients cannot sign in by themselves, so give them a bearer token (in Development: quilt-mcp token).")]
    private static partial void LogNoAuthorizationServer(ILogger logger, string metadataPath, string settings);
}
