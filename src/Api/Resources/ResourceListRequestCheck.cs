using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Refuses a <c>resources/list</c> whose cursor this server did not issue to this caller (<see cref="ResourceListCursor"/>)
/// at the message level, with JSON-RPC -32602, before any credential or S3 request, and logged once at Information:
/// the SDK would log an exception out of the list handler as a Warning with its stack trace. The handler decodes the
/// cursor again; this only decides whether it gets to.
/// </summary>
public static partial class ResourceListRequestCheck
{
    public static void Add(IMcpMessageFilterBuilder filters)
    {
        // Every message passes through: only a resources/list with a cursor pays for an async state machine.
        filters.AddIncomingFilter(next => (context, cancellationToken) =>
            context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ResourcesList } request
                && request.Params is JsonObject fields && fields.TryGetPropertyValue("cursor", out var cursorNode) && cursorNode is not null
                ? CheckCursorThenListAsync(next, context, request, cursorNode, cancellationToken)
                : next(context, cancellationToken));
    }

    private static async Task CheckCursorThenListAsync(
        McpMessageHandler next, MessageContext context, JsonRpcRequest request, JsonNode cursorNode, CancellationToken cancellationToken)
    {
        var services = context.Server.Services!;
        var caller = await services.GetRequiredService<IMcpCallerSource>().ForRequestAsync(context.User, request.Id);
        var listable = PackageResourceLister.ListableBuckets(
            caller, services.GetRequiredService<ToolAccessPolicy>(), services.GetRequiredService<BucketAccessPolicy>());
        if (cursorNode is not JsonValue value || !value.TryGetValue<string>(out var cursor) || ResourceListCursor.TryDecode(cursor, listable) is null)
        {
            LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger(ResourceErrorFilter.LogCategory), request.Id.ToString());
            throw new McpProtocolException(PackageResourceLister.InvalidCursor, McpErrorCode.InvalidParams);
        }

        await next(context, cancellationToken);
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Information, Message = "Refused resources/list request {RequestId}: a cursor this server did not issue to the caller")]
    private static partial void LogRefused(ILogger logger, string requestId);
}
