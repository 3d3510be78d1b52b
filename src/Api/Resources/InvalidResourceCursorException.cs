namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>A <c>resources/list</c> cursor this server did not issue to this caller (forged, altered, or from other grants).</summary>
public sealed class InvalidResourceCursorException(string message) : CallerFacingException(message);
