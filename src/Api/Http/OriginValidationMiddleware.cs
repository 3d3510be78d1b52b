namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Refuses browser requests to <c>/mcp</c> from origins that are neither this server nor on the allow-list.
/// A web page a user visits could otherwise reach a local MCP server through DNS rebinding.
/// </summary>
public sealed partial class OriginValidationMiddleware(
    RequestDelegate next,
    IOptions<HttpOptions> options,
    HostAllowList hosts,
    ILogger<OriginValidationMiddleware> logger)
{
    // Parsed once, like the CORS policy built from the same list; configuration is not reloaded at run time.
    private readonly HashSet<string> _allowed = options.Value.AllowedOrigins
        .Select(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var permitted) ? OriginOf(permitted) : null)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        string? origin = context.Request.Headers.Origin;
        if (string.IsNullOrEmpty(origin) || IsAllowed(origin, context.Request))
        {
            return next(context);
        }

        var shown = origin.Length > 100 ? origin[..100] : origin;
        LogRefused(logger, shown);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new
        {
            error = "origin_not_allowed",
            error_description = $"Origin {shown} may not call this MCP endpoint. If a web app of yours is served from it, "
                + "add it to Http:AllowedOrigins (environment variable Http__AllowedOrigins__0).",
        });
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // Same origin: the page was served by this very host and port. Under DNS rebinding the attacker's page is
        // "same origin" with a Host of the attacker's choosing, so this proves something only for a Host we serve.
        if (hosts.Allows(request.Host)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return _allowed.Contains(OriginOf(uri));
    }

    private static string OriginOf(Uri uri) => uri.Scheme + "://" + uri.Authority;

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Refused a request to /mcp from origin {Origin}")]
    private static partial void LogRefused(ILogger logger, string origin);
}
