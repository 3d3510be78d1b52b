namespace QuiltMcp.Orleans.Api.S3;

/// <summary>A bucket name, key or S3 URI that cannot be used; the message says which rule it breaks.</summary>
public sealed class InvalidS3AddressException(string message) : CallerFacingException(message);
