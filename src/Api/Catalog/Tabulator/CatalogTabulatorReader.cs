using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Catalog.Tabulator;

/// <summary>
/// Reads a bucket's tabulator tables (the catalog's Athena views over package contents) as the caller. The catalog
/// answers this for any user who may see the bucket; whether this caller may use the bucket at all is the tool's
/// check, made before this is called.
/// </summary>
public sealed class CatalogTabulatorReader(CatalogGraphQlEndpoint endpoint)
{
    internal const string TablesQuery = "query ($name: String!) { bucketConfig(name: $name) { tabulatorTables { name config } } }";

    /// <summary>The bucket's tables, or null when the catalog has no such bucket.</summary>
    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    public async Task<IReadOnlyList<CatalogTabulatorTable>?> GetTablesAsync(Caller caller, string bucket, CancellationToken cancellationToken)
    {
        var data = await endpoint.QueryAsync(caller, TablesQuery, new Dictionary<string, object?> { ["name"] = bucket }, cancellationToken);
        if (!data.TryGetProperty("bucketConfig", out var config) || config.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("tabulatorTables", out var tables) && tables.ValueKind == JsonValueKind.Array
            ? tables.Deserialize<CatalogTabulatorTable[]>()!
            : throw new CatalogRequestException("The catalog's answer to 'bucketConfig' has no tabulator table list.");
    }
}
