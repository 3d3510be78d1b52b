using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// Process start to <c>/ready</c> on the embedded default: the wall clock seen by the harness (from
/// <c>Process.Start</c>, so it includes the dotnet host) and quilt-mcp's own <c>ReadyMs</c>. Median of N starts.
/// </summary>
public sealed class StartupScenario(BenchServerStarter starter, int repeats)
{
    public const string Name = "startup";

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        var wall = new List<double>();
        var logged = new List<double>();
        var rss = new List<long>();
        for (var attempt = 0; attempt < repeats; attempt++)
        {
            await using var server = await starter.StartReadyAsync(kind);
            wall.Add(server.ReadyAfter!.Value.TotalMilliseconds);
            rss.Add(server.RssKb ?? 0);
            if (kind.IsQuiltMcp() && await BenchServerStarter.LoggedReadyMsAsync(server, TimeSpan.FromSeconds(5)) is { } readyMs)
            {
                logged.Add(readyMs);
            }
        }

        return new RunResult
        {
            Scenario = Name,
            Server = Report.Label(kind),
            Requests = repeats,
            WallReadyMs = Math.Round(Median(wall), 1),
            ReadyMs = logged.Count > 0 ? Median(logged) : null,
            RssKb = (long)Median(rss.Select(value => (double)value).ToList()),
            Note = $"median of {repeats} starts; rss_kb at ready",
        };
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
