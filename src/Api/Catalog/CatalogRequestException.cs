using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>A catalog call failed. An <see cref="McpException"/>, so a tool shows its (token-free) message.</summary>
public sealed class CatalogRequestException(string message) : McpException(message);
