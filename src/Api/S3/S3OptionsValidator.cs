namespace QuiltMcp.Orleans.Api.S3;

/// <summary>Checks the <c>S3</c> section at start-up; each message names the setting.</summary>
public sealed class S3OptionsValidator : IValidateOptions<S3Options>
{
    /// <summary>More attempts only lengthen how long a tool waits for an S3 that is failing.</summary>
    private const int MaxAttempts = 10;

    /// <summary>Longer than this, a tool call would outlast what MCP clients and load balancers wait for.</summary>
    private static readonly TimeSpan MaxCallTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        var failures = new List<string>();
        if (options.ServiceUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"S3:ServiceUrl must be an absolute http(s) URL, not '{url}'.");
        }

        if (options.MaxAttempts is < 1 or > MaxAttempts)
        {
            failures.Add($"S3:MaxAttempts must be between 1 and {MaxAttempts}, not {options.MaxAttempts}.");
        }

        if (options.CallTimeout <= TimeSpan.Zero || options.CallTimeout > MaxCallTimeout)
        {
            failures.Add($"S3:CallTimeout must be positive and at most {MaxCallTimeout}, not {options.CallTimeout}.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.CallTimeout)
        {
            failures.Add($"S3:AttemptTimeout must be positive and at most S3:CallTimeout ({options.CallTimeout}), not {options.AttemptTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
