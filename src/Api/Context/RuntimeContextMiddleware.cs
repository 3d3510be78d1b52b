using Microsoft.AspNetCore.Http;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// Gives every HTTP request its own runtime context (<c>web-unauthenticated</c> until authentication upgrades
/// it) and restores the previous one when the request ends, whether it succeeded, failed or was aborted.
/// </summary>
public sealed class RuntimeContextMiddleware(RequestDelegate next, IGrainFactory grains)
{
    /// <summary>Headers whose values are recorded as request metadata (never credentials).</summary>
    public const string UserIdHeader = "X-Quilt-User-Id";

    private readonly PrincipalReference _anonymous = new(PrincipalKeys.Anonymous, grains.GetGrain<IPrincipalGrain>(PrincipalKeys.Anonymous));

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [RuntimeMetadataKeys.RequestId] = context.TraceIdentifier,
            [RuntimeMetadataKeys.Transport] = "http",
        };
        if (context.Request.Headers.TryGetValue(UserIdHeader, out var userId) && !string.IsNullOrWhiteSpace(userId))
        {
            metadata[RuntimeMetadataKeys.QuiltUserId] = userId.ToString();
        }

        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated, metadata: metadata, principal: _anonymous);
        await next(context);
    }
}
