namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>
/// The Quilt catalog's GraphQL API, called as the given caller: with the bearer token of its request (for desktop
/// servers, the configured token).
/// </summary>
public interface ICatalogClient
{
    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    Task<CatalogUser> GetMeAsync(Identity.Caller caller, CancellationToken cancellationToken);

    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    Task<IReadOnlyList<CatalogBucketConfig>> GetBucketConfigsAsync(Identity.Caller caller, CancellationToken cancellationToken);
}
