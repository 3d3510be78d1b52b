namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>Checks the <c>Catalog</c> section at start-up; each message names the setting.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        if (options.GraphQlUrl is { Length: > 0 } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"Catalog:GraphQlUrl (or QUILT_REGISTRY_URL / QUILT_CATALOG_URL) must be an absolute http(s) URL, not '{url}'.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"Catalog:Timeout must be positive, not {options.Timeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
