namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>Facts about the request a caller made, shown by the status tools; never credentials.</summary>
/// <param name="Transport"><c>http</c> or <c>stdio</c>.</param>
/// <param name="RequestId">The HTTP trace identifier, or the JSON-RPC id over stdio.</param>
/// <param name="QuiltUserId">The Quilt catalog's <c>X-Quilt-User-Id</c> header, as sent (not proof of anything).</param>
public sealed record RequestOrigin(string Transport, string? RequestId, string? QuiltUserId = null)
{
    /// <summary>The catalog names its user in this header; recorded for display, never trusted for access.</summary>
    public const string QuiltUserIdHeader = "X-Quilt-User-Id";

    public static RequestOrigin FromHttp(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.Request.Headers.TryGetValue(QuiltUserIdHeader, out var values) && !string.IsNullOrWhiteSpace(values)
            ? values.ToString()
            : null;
        return new RequestOrigin("http", context.TraceIdentifier, userId);
    }

    public static RequestOrigin FromStdio(string? requestId) => new("stdio", requestId);
}
