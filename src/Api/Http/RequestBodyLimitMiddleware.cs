namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Answers an oversize <c>/mcp</c> body with 413 and a JSON body naming the limit and the setting, so a client library
/// can show the reason: at once when the declared length is too large, and when Kestrel stops a longer (chunked) body
/// while it is read. Never a stack trace, whatever the environment.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, limit);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, limit);
        }
    }

    private static Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(new
        {
            error = "request_too_large",
            error_description = $"The request body is larger than this server accepts ({limit} bytes, Http:MaxRequestBodyBytes).",
        });
    }
}
