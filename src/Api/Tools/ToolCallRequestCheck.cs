using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// Checks the shape of a <c>tools/call</c> request at the JSON-RPC message level, before the SDK reads its params:
/// params must be an object, <c>name</c> a string naming one of our tools, and <c>arguments</c>, when sent, an object.
/// Without it the SDK fails to read non-object arguments and answers -32603 "An error occurred.", and refuses an
/// unknown tool from inside the tool pipeline, which logs the refusal as an Error with a stack trace. A malformed
/// request is answered with JSON-RPC -32602 (invalid params) naming the field, what it must be and what came; the
/// refusal is logged once, at Information. A message filter (not a request filter) because request filters run only
/// after the params were read.
/// </summary>
public static partial class ToolCallRequestCheck
{
    public const string LogCategory = "QuiltMcp.ToolCalls";

    private const int ShownLength = 60;

    public static void Add(IMcpMessageFilterBuilder filters)
    {
        ILogger? logger = null;
        // Not an async lambda: every message passes through, and handing on next's task adds no state machine to each.
        filters.AddIncomingFilter(next => (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request
                && Problem(request.Params, context.Server.ServerOptions.ToolCollection) is { } problem)
            {
                logger ??= context.Server.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
                LogRefused(logger, request.Id.ToString(), problem);

                // The SDK answers a request whose filter fails with this with the JSON-RPC error it carries, logging nothing.
                return Task.FromException(new McpProtocolException(problem, McpErrorCode.InvalidParams));
            }

            return next(context, cancellationToken);
        });
    }

    /// <summary>What is wrong with the params of a <c>tools/call</c> request, or null when they can be read.</summary>
    internal static string? Problem(JsonNode? parameters, McpServerPrimitiveCollection<McpServerTool>? tools)
    {
        if (parameters is null)
        {
            return "The params of tools/call are missing: send an object with the tool's 'name' and its 'arguments'.";
        }

        if (parameters is not JsonObject fields)
        {
            return $"The params of tools/call must be an object with the tool's 'name' and its 'arguments', not {Describe(parameters)}.";
        }

        if (!fields.TryGetPropertyValue("name", out var name))
        {
            return "The params of tools/call have no 'name': name the tool to call (tools/list names them).";
        }

        if (name is not JsonValue value || !value.TryGetValue<string>(out var toolName))
        {
            return $"The 'name' of tools/call must be a string naming a tool (tools/list names them), not {Describe(name)}.";
        }

        if (fields.TryGetPropertyValue("arguments", out var arguments) && arguments is not null and not JsonObject)
        {
            return "The 'arguments' of tools/call must be an object of the tool's arguments by name "
                + $"(for example {{\"s3_uri\": \"s3://bucket/key\"}}), not {Describe(arguments)}.";
        }

        return tools is not null && tools.TryGetPrimitive(toolName, out _)
            ? null
            : $"Unknown tool: '{Shorten(toolName)}'. tools/list names the tools this server offers you.";
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => $"an array ({Shorten(node.ToJsonString())})",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"a string ({Shorten(node.ToJsonString())})",
            JsonValueKind.Number => $"a number ({Shorten(node.ToJsonString())})",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => Shorten(node.ToJsonString()),
        },
    };

    private static string Shorten(string text) => text.Length > ShownLength ? text[..ShownLength] + "…" : text;

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Refused tools/call request {RequestId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string requestId, string reason);
}
