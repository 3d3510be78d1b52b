namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>
/// One call for <see cref="SessionChurn"/>: a label that groups calls in the figures, the JSON-RPC body, the bearer
/// token (none for a server without authentication) and headers to set on top of the session's own.
/// </summary>
public sealed record ChurnRequest(string Label, string Body, string? Token = null, IReadOnlyDictionary<string, string>? Headers = null);
