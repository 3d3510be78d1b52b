using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// The one place where failures become MCP tool errors: a capability's own <see cref="CallerFacingException"/> (bad
/// S3 address, refused access, missing package, no AWS credentials, catalog error…) and a tool's own argument error
/// (<see cref="McpException"/>) are answered as a tool error result whose text is exactly the message, so the model
/// reads what to change and nothing else. Protocol errors (<see cref="McpProtocolException"/>) still reach the client
/// as JSON-RPC errors, and anything unexpected keeps the SDK's generic answer (its details stay in the server log).
/// </summary>
public static class ToolErrorFilter
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddCallToolFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (Exception failure) when (failure is CallerFacingException or McpException and not McpProtocolException)
            {
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = failure.Message }],
                };
            }
        });
    }
}
