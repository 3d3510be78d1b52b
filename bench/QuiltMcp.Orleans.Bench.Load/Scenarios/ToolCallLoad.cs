using QuiltMcp.Orleans.Bench.Load.Load;
using QuiltMcp.Orleans.Bench.Load.Mcp;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// Closed-loop <c>tools/call</c> against one or more MCP endpoints. Session mode: N sessions, session i on
/// endpoint i mod E with principal i mod P; worker w uses sessions w, w+C, w+2C…, so no two workers share a
/// session at once. Stateless mode: every request takes the next principal and the next endpoint in turn.
/// </summary>
public static class ToolCallLoad
{
    public static async Task<LoopOutcome> RunAsync(IReadOnlyList<Uri> endpoints, LoadSettings settings)
    {
        var tokens = BenchTokens.ForPrincipals(settings.Principals, settings.TokenSecret);
        using var http = McpWire.CreateClient(Math.Max(settings.Concurrency, 16));
        var sessions = settings.Stateless ? [] : await OpenSessionsAsync(http, endpoints, tokens, settings);
        long turn = 0;

        return await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration, settings.MaxRequests,
            async (worker, n, cancellationToken) =>
            {
                var id = n + 2;
                HttpRequestMessage request;
                if (settings.Stateless)
                {
                    var next = Interlocked.Increment(ref turn);
                    request = McpWire.StatelessToolCall(
                        endpoints[(int)(next % endpoints.Count)], tokens[next % tokens.Length], settings.Tool, settings.ArgumentsJson, id);
                }
                else
                {
                    var session = sessions[(int)((worker + n * settings.Concurrency) % sessions.Length)];
                    request = McpWire.SessionToolCall(session.Endpoint, session.Authorization, session.Id, settings.Tool, settings.ArgumentsJson, id);
                }

                using (request)
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    return await McpWire.IsResultAsync(response, cancellationToken);
                }
            });
    }

    private static async Task<OpenSession[]> OpenSessionsAsync(HttpClient http, IReadOnlyList<Uri> endpoints, string[] tokens, LoadSettings settings)
    {
        var opener = new McpSessionOpener(http);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sessions = await Task.WhenAll(Enumerable.Range(0, settings.Sessions).Select(async index =>
        {
            var endpoint = endpoints[index % endpoints.Count];
            var authorization = tokens[index % tokens.Length];
            var id = await opener.OpenAsync(endpoint, authorization, timeout.Token)
                ?? throw new InvalidOperationException($"could not open session {index} on {endpoint}");
            return new OpenSession(endpoint, authorization, id);
        }));
        return sessions;
    }

    private sealed record OpenSession(Uri Endpoint, string Authorization, string Id);
}
