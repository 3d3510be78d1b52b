namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>The package registry in a bucket has no such package or revision, or holds something unusable there.</summary>
public sealed class PackageRegistryException(string message) : CallerFacingException(message);
