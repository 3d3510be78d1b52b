namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Refuses requests whose Host is not on the <see cref="HostAllowList"/> with 421 Misdirected Request: under DNS
/// rebinding a browser reaches this server carrying the attacker's host name, and nothing of the request (token,
/// body, origin) is looked at before the Host is known to be ours.
/// </summary>
public sealed partial class HostValidationMiddleware(RequestDelegate next, HostAllowList hosts, ILogger<HostValidationMiddleware> logger)
{
    private const int ShownLength = 100;

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (hosts.Allows(host))
        {
            return next(context);
        }

        var shown = Shorten(host.HasValue ? host.Value : "(none)");
        LogRefused(logger, shown, Shorten(context.Request.Path.Value ?? string.Empty));
        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        return context.Response.WriteAsJsonAsync(new
        {
            error = "host_not_allowed",
            error_description = $"Host {shown} is not served here. If clients reach this server by that name, "
                + "add it to Http:AllowedHosts (environment variable Http__AllowedHosts__0).",
        });
    }

    private static string Shorten(string value) => value.Length > ShownLength ? value[..ShownLength] : value;

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Refused a request for host {Host} to {Path}: not in Http:AllowedHosts")]
    private static partial void LogRefused(ILogger logger, string host, string path);
}
