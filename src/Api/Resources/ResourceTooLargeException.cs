namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>The resource exists but is larger than a resource read returns; the message gives its size and the tool to use.</summary>
public sealed class ResourceTooLargeException(string message) : CallerFacingException(message);
