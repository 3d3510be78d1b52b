using Microsoft.Extensions.Options;

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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
