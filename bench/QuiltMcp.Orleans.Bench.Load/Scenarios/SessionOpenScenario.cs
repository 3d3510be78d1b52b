using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Load;
using QuiltMcp.Orleans.Bench.Load.Mcp;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// How fast sessions open: each operation is <c>initialize</c> + <c>notifications/initialized</c> (two HTTP
/// requests); "requests" and "rps" count sessions. Sessions are left open, as real clients leave them.
/// </summary>
public sealed class SessionOpenScenario(BenchServerStarter starter, LoadSettings settings)
{
    public const string Name = "session-open";

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        await using var server = await starter.StartReadyAsync(kind);
        var tokens = BenchTokens.ForPrincipals(settings.Principals, settings.TokenSecret);
        using var http = McpWire.CreateClient(Math.Max(settings.Concurrency, 16));
        var opener = new McpSessionOpener(http);

        var outcome = await ClosedLoop.RunAsync(settings.Concurrency, settings.OpenWarmup, settings.Duration, settings.MaxRequests,
            async (worker, n, cancellationToken) =>
            {
                var authorization = tokens[(worker + n * settings.Concurrency) % tokens.Length];
                return await opener.OpenAsync(server.McpUri, authorization, cancellationToken) is not null;
            });
        return Report.FromLoop(Name, kind, outcome, settings, server.RssKb) with { Sessions = null, FirstError = outcome.FirstError ?? opener.FirstFailure };
    }
}
