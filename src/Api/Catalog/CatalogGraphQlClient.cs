using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>
/// The caller's own catalog user and the buckets the catalog shows it, read through <see cref="CatalogGraphQlEndpoint"/>.
/// </summary>
public sealed class CatalogGraphQlClient(CatalogGraphQlEndpoint endpoint) : ICatalogClient
{
    internal const string MeQuery = "query { me { name email isAdmin role { name } } }";
    internal const string BucketConfigsQuery = "query { bucketConfigs { name title description } }";

    public async Task<CatalogUser> GetMeAsync(Caller caller, CancellationToken cancellationToken)
    {
        var data = await endpoint.QueryAsync(caller, MeQuery, variables: null, cancellationToken);
        return data.TryGetProperty("me", out var me) && me.ValueKind == JsonValueKind.Object
            ? me.Deserialize<CatalogUser>()!
            : throw new CatalogRequestException("The catalog's answer to 'me' has no user.");
    }

    public async Task<IReadOnlyList<CatalogBucketConfig>> GetBucketConfigsAsync(Caller caller, CancellationToken cancellationToken)
    {
        var data = await endpoint.QueryAsync(caller, BucketConfigsQuery, variables: null, cancellationToken);
        return data.TryGetProperty("bucketConfigs", out var buckets) && buckets.ValueKind == JsonValueKind.Array
            ? buckets.Deserialize<CatalogBucketConfig[]>()!
            : throw new CatalogRequestException("The catalog's answer to 'bucketConfigs' has no list.");
    }
}
