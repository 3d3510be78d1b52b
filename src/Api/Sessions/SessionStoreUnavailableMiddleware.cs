using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Answers a request whose session grain could not be reached (<see cref="SessionStoreUnavailableException"/>) with 503,
/// <c>Retry-After</c> and a JSON-RPC error naming what did not happen, which MCP clients show their user; without it
/// the exception would end the request as a bare 500 logged with a stack trace. Headers the MCP SDK had set for the
/// session that was not created (its id) are dropped with the rest of the response.
/// </summary>
public sealed class SessionStoreUnavailableMiddleware(RequestDelegate next)
{
    /// <summary>A DynamoDB outage lasts seconds to minutes; a client polling every few seconds notices its end soon.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>JSON-RPC's "internal error": the request was fine, the server could not serve it now.</summary>
    private const int InternalErrorCode = -32603;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SessionStoreUnavailableException unavailable) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, InternalErrorCode, unavailable.Message);
        }
    }
}
