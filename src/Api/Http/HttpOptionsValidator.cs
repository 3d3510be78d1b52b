namespace QuiltMcp.Orleans.Api.Http;

public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add($"Http:MaxRequestBodyBytes {options.MaxRequestBodyBytes} is below 1024.");
        }

        if (options.PermitsPerMinute < 1)
        {
            failures.Add("Http:PermitsPerMinute must be at least 1.");
        }

        if (options.AnonymousPermitsPerMinute < 1)
        {
            failures.Add("Http:AnonymousPermitsPerMinute must be at least 1.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                failures.Add($"Http:AllowedOrigins '{origin}' is not an origin (scheme://host[:port]).");
            }
        }

        foreach (var host in options.AllowedHosts)
        {
            if (!AllowedHostPattern.TryParse(host, out _))
            {
                failures.Add($"Http:AllowedHosts '{host}' is not a host name (mcp.example.com, *.example.com or an IP address; no scheme, port or path, never '*').");
            }
        }

        foreach (var proxy in options.TrustedProxies)
        {
            if (!TrustedProxyNetwork.TryParse(proxy, out _))
            {
                failures.Add($"Http:TrustedProxies '{proxy}' is not an IP address or CIDR block (10.0.0.0/16).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
