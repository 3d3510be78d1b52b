using System.Globalization;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// What the processes logged about grain calls they sent again after a silo loss (the server's event 1600, one per
/// retried call that then succeeded; 1601 when one gave up), summed over processes for the tests' figures.
/// </summary>
public sealed record RetriedGrainCalls(int Recovered, int GaveUp, int MostAttempts, TimeSpan Longest, IReadOnlyDictionary<string, int> FirstFailures)
{
    private const int RecoveredEvent = 1600;
    private const int GaveUpEvent = 1601;

    public static RetriedGrainCalls In(IEnumerable<ServerProcess> servers)
    {
        var events = servers.SelectMany(server => server.OutputLines.Lines)
            .Select(line => JsonLogEvent.TryParse(line, out var parsed) ? parsed : null)
            .Where(parsed => parsed is { EventId: RecoveredEvent or GaveUpEvent })
            .Select(parsed => parsed!)
            .ToList();
        var recovered = events.Where(parsed => parsed.EventId == RecoveredEvent).ToList();
        return new RetriedGrainCalls(
            recovered.Count,
            events.Count - recovered.Count,
            recovered.Select(parsed => Number(parsed, "Attempts")).DefaultIfEmpty(0).Max(),
            TimeSpan.FromMilliseconds(recovered.Select(parsed => Number(parsed, "ElapsedMs")).DefaultIfEmpty(0).Max()),
            events.GroupBy(parsed => (parsed.State("FirstFailure") ?? "").Split(':')[0]).ToDictionary(group => group.Key, group => group.Count()));
    }

    public override string ToString() =>
        $"{Recovered} grain calls retried and recovered (at most {MostAttempts} attempts, longest {Longest.TotalSeconds:F2} s), {GaveUp} gave up"
        + (FirstFailures.Count == 0 ? "" : $"; first failures: {string.Join(", ", FirstFailures.Select(pair => $"{pair.Key} ×{pair.Value}"))}");

    private static int Number(JsonLogEvent parsed, string name) => int.Parse(parsed.State(name) ?? "0", CultureInfo.InvariantCulture);
}
