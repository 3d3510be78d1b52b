namespace QuiltMcp.Orleans.Api.Access;

/// <summary>The caller may not do this; the message names the missing grant (never a token).</summary>
public sealed class AccessDeniedException(string message) : CallerFacingException(message);
