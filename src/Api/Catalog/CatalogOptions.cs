namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>
/// The <c>Catalog</c> section: where the Quilt catalog's GraphQL API is and, for desktop servers only, which
/// token to call it with.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The seed's registry variable; its <c>/graphql</c> is used when no explicit URL is set.</summary>
    public const string RegistryUrlVariable = "QUILT_REGISTRY_URL";

    /// <summary>The seed-compatible variable for <see cref="DesktopAccessToken"/>.</summary>
    public const string DesktopAccessTokenVariable = "QUILT_ACCESS_TOKEN";

    /// <summary>
    /// The GraphQL endpoint. Defaults to <c>&lt;QUILT_REGISTRY_URL&gt;/graphql</c>, else
    /// <c>&lt;QUILT_CATALOG_URL&gt;/graphql</c>; unset when neither is configured.
    /// </summary>
    public string? GraphQlUrl { get; set; }

    /// <summary>
    /// The token a desktop (stdio) server sends, having no request token of its own. Web requests always send
    /// their caller's token and never this one.
    /// </summary>
    public string? DesktopAccessToken { get; set; }

    /// <summary>
    /// The longest one catalog call may take, connecting, sending and reading the whole answer included. A catalog that
    /// does not answer within it makes the tool fail with an error saying so; catalog calls are not retried.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The token stays out of diagnostics output.</summary>
    public override string ToString() =>
        $"CatalogOptions {{ GraphQlUrl = {GraphQlUrl ?? "<none>"}, DesktopAccessToken = {(DesktopAccessToken is null ? "<none>" : "<redacted>")}, Timeout = {Timeout} }}";
}
