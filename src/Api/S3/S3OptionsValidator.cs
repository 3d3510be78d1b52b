namespace QuiltMcp.Orleans.Api.S3;

/// <summary>Checks the <c>S3</c> section at start-up; the message names the setting.</summary>
public sealed class S3OptionsValidator : IValidateOptions<S3Options>
{
    public ValidateOptionsResult Validate(string? name, S3Options options) =>
        options.ServiceUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            ? ValidateOptionsResult.Fail($"S3:ServiceUrl must be an absolute http(s) URL, not '{url}'.")
            : ValidateOptionsResult.Success;
}
