namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Answers an oversize <c>/mcp</c> body with 413 and a JSON body naming the limit and the setting, so a client library
/// can show the reason: at once when the declared length is too large, and when Kestrel stops a longer (chunked) body
/// while it is read. Never a stack trace, whatever the environment; the refusal is logged once, at Information.
/// </summary>
public sealed partial class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
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

    private Task RefuseAsync(HttpContext context, long limit)
    {
        LogRefused(logger, context.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (chunked)", limit);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(new
        {
            error = "request_too_large",
            error_description = $"The request body is larger than this server accepts ({limit} bytes, Http:MaxRequestBodyBytes).",
        });
    }

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information,
        Message = "Refused a request body to /mcp over the {Limit}-byte limit (Http:MaxRequestBodyBytes); declared length: {DeclaredLength}")]
    private static partial void LogRefused(ILogger logger, string declaredLength, long limit);
}
