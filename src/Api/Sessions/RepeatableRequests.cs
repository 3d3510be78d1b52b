using System.Collections.Frozen;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Decides whether a JSON-RPC message may run a second time after its first run was cut short, from the message body
/// alone. The <c>Mcp-Method</c> and <c>Mcp-Name</c> headers are the client's own account of the body; the SDK checks
/// them against it only for 2026-07-28 requests, which have no session, so on a session request they may say
/// <c>auth_status</c> while the body creates a package. Refused by default: only methods that read, and calls of tools
/// whose annotations say they are read-only, may repeat. A tool marked idempotent but not read-only still writes, and
/// a second write can overwrite what another writer put there in between, so it never repeats.
/// </summary>
public sealed class RepeatableRequests(IOptions<McpServerOptions> server)
{
    /// <summary>Session requests that only read what the server offers.</summary>
    private static readonly FrozenSet<string> ReadingMethods = FrozenSet.Create(
        StringComparer.Ordinal,
        RequestMethods.Ping,
        RequestMethods.ToolsList,
        RequestMethods.PromptsList,
        RequestMethods.PromptsGet,
        RequestMethods.ResourcesList,
        RequestMethods.ResourcesTemplatesList,
        RequestMethods.ResourcesRead,
        RequestMethods.CompletionComplete,
        // Marks the session ready: saying so again, or to the session rebuilt from its record, changes nothing.
        NotificationMethods.InitializedNotification);

    /// <summary>
    /// A body with a property twice could be read one way here and the other way by the SDK; such a body never repeats.
    /// </summary>
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Judges the buffered body of <paramref name="request"/> and rewinds it for the SDK.</summary>
    public async Task<RequestRepeat> JudgeAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Strict, request.HttpContext.RequestAborted);
            return Judge(document.RootElement);
        }
        catch (JsonException)
        {
            // Not ours to answer: the SDK refuses malformed JSON-RPC with its own error.
            return RequestRepeat.Unrecognised;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>Judges one parsed JSON-RPC message (a batch is not one: it never repeats).</summary>
    public RequestRepeat Judge(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("method", out var methodElement)
            || methodElement.ValueKind != JsonValueKind.String)
        {
            return RequestRepeat.Unrecognised;
        }

        var method = methodElement.GetString()!;
        if (method == RequestMethods.ToolsCall)
        {
            return JudgeToolCall(message);
        }

        return ReadingMethods.TryGetValue(method, out var known) ? new RequestRepeat(true, known) : RequestRepeat.Unrecognised;
    }

    private RequestRepeat JudgeToolCall(JsonElement message)
    {
        if (!message.TryGetProperty("params", out var parameters)
            || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var nameElement)
            || nameElement.ValueKind != JsonValueKind.String
            || server.Value.ToolCollection is not { } tools
            || !tools.TryGetPrimitive(nameElement.GetString()!, out var tool))
        {
            return RequestRepeat.Unrecognised;
        }

        var protocolTool = tool.ProtocolTool;
        return new RequestRepeat(protocolTool.Annotations?.ReadOnlyHint == true, $"{RequestMethods.ToolsCall} {protocolTool.Name}");
    }
}
