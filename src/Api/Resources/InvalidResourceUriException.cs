namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>A resource URI this server does not serve (another scheme, too long, empty); the message says which forms it serves.</summary>
public sealed class InvalidResourceUriException(string message) : CallerFacingException(message);
