namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>Refuses the <c>Development</c> section outside the Development environment; the message names the setting.</summary>
/// <param name="isDevelopment">
/// Whether the host runs in Development. The DI registration passes false when no host environment is known, so a
/// process that cannot tell is treated as a deployment.
/// </param>
/// <param name="environmentName">The environment's name, for the message.</param>
public sealed class DevelopmentOptionsValidator(bool isDevelopment, string environmentName) : IValidateOptions<DevelopmentOptions>
{
    public ValidateOptionsResult Validate(string? name, DevelopmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesLocalS3)
        {
            return ValidateOptionsResult.Success;
        }

        if (!isDevelopment)
        {
            // Fixed keys and no role for every caller belong on a laptop only; a deployment must act in the callers' roles.
            return ValidateOptionsResult.Fail(
                $"{DevelopmentOptions.LocalS3Setting} is for local development only and must not be set outside the "
                + $"Development environment (this one is '{environmentName}'): remove it, or on a developer's machine run in "
                + "Development (--environment Development).");
        }

        return Uri.TryCreate(options.LocalS3, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{DevelopmentOptions.LocalS3Setting} must be the absolute http(s) URL of a local S3 server such as "
                + $"http://127.0.0.1:4568, not '{options.LocalS3}'.");
    }
}
