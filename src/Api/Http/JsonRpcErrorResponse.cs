namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// An HTTP refusal on the MCP endpoint written as the SDK writes its own: a JSON-RPC error with no id (the request was
/// not read as a message), which MCP clients show their user. The message is serialized, never pasted into the JSON.
/// </summary>
public static class JsonRpcErrorResponse
{
    public static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new { jsonrpc = "2.0", error = new { code, message }, id = (object?)null }, options: null, contentType: "application/json", context.RequestAborted);
    }
}
