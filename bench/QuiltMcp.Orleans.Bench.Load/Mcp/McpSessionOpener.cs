namespace QuiltMcp.Orleans.Bench.Load.Mcp;

/// <summary>Opens an MCP session the way an initialize client does: <c>initialize</c>, then <c>notifications/initialized</c>.</summary>
public sealed class McpSessionOpener(HttpClient http)
{
    private long _nextId;
    private string? _firstFailure;

    /// <summary>Why the first failed open failed (which step, which HTTP status), for the run's report.</summary>
    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <returns>The session id, or null when either step failed.</returns>
    public async Task<string?> OpenAsync(Uri endpoint, string? authorization, CancellationToken cancellationToken)
    {
        using var initialize = McpWire.Initialize(endpoint, authorization, Interlocked.Increment(ref _nextId));
        using var response = await http.SendAsync(initialize, cancellationToken);
        if (!await McpWire.IsResultAsync(response, cancellationToken)
            || !response.Headers.TryGetValues("Mcp-Session-Id", out var values))
        {
            return Fail($"initialize answered {(int)response.StatusCode}");
        }

        var sessionId = values.First();
        using var initialized = McpWire.Initialized(endpoint, authorization, sessionId);
        using var accepted = await http.SendAsync(initialized, cancellationToken);
        await accepted.Content.ReadAsByteArrayAsync(cancellationToken);
        return accepted.StatusCode == System.Net.HttpStatusCode.Accepted
            ? sessionId
            : Fail($"notifications/initialized answered {(int)accepted.StatusCode}");
    }

    private string? Fail(string reason)
    {
        Interlocked.CompareExchange(ref _firstFailure, reason, null);
        return null;
    }
}
