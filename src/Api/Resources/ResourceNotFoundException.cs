namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>A well-formed resource URI that names nothing: no such object, version, package, revision or file.</summary>
public sealed class ResourceNotFoundException(string message) : CallerFacingException(message);
