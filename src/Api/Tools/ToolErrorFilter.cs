using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Access;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// The one place where failures become MCP tool errors: a capability's own <see cref="CallerFacingException"/> (bad
/// S3 address, refused access, missing package, no AWS credentials, catalog error…) and a tool's own argument error
/// (<see cref="McpException"/>) are answered as a tool error result whose text is exactly the message, so the model
/// reads what to change and nothing else. Such an expected failure is logged once, at Information and without a stack
/// trace (a refused access is already logged as an auth decision); Error stays for our bugs. Protocol errors
/// (<see cref="McpProtocolException"/>) still reach the client as JSON-RPC errors, and anything unexpected keeps the
/// SDK's generic answer (its details stay in the server log).
/// </summary>
public static partial class ToolErrorFilter
{
    public const string LogCategory = "QuiltMcp.ToolErrors";

    public static void Add(IMcpRequestFilterBuilder filters)
    {
        ILogger? logger = null;
        filters.AddCallToolFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (Exception failure) when (failure is CallerFacingException or McpException and not McpProtocolException)
            {
                if (failure is not AccessDeniedException)
                {
                    logger ??= request.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
                    LogRefused(logger, request.Params?.Name ?? "", failure.GetType().Name, failure.Message);
                }

                return ToolErrorResult.Create(failure.Message);
            }
        });
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Tool {Tool} answered an error ({Kind}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string tool, string kind, string reason);
}
