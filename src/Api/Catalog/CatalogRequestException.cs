namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>A catalog call failed; the message is token-free and shown to the caller.</summary>
public sealed class CatalogRequestException(string message) : CallerFacingException(message);
