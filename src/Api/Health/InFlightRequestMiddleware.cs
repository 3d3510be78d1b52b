using QuiltMcp.Orleans.Api.Hosting;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>Registers every request except long-lived GET streams with <see cref="InFlightRequests"/>.</summary>
public sealed class InFlightRequestMiddleware(RequestDelegate next, InFlightRequests inFlight)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments(QuiltMcpServiceCollectionExtensions.McpPath))
        {
            await next(context);
            return;
        }

        using var request = inFlight.Begin();
        await next(context);
    }
}
