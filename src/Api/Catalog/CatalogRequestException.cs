namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>A catalog call failed; the message is token-free and shown to the caller.</summary>
public sealed class CatalogRequestException(string message) : CallerFacingException(message)
{
    /// <summary>The catalog answered, with GraphQL errors (it refused the query), rather than failing to answer.</summary>
    public bool QueryRefused { get; init; }
}
