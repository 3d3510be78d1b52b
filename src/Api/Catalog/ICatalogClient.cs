namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>
/// The Quilt catalog's GraphQL API, called with the bearer token of the current request (for desktop servers,
/// the configured token). Uses the ambient runtime context: call it inside the request it serves.
/// </summary>
public interface ICatalogClient
{
    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    Task<CatalogUser> GetMeAsync(CancellationToken cancellationToken);

    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    Task<IReadOnlyList<CatalogBucketConfig>> GetBucketConfigsAsync(CancellationToken cancellationToken);
}
