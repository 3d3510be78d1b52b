using QuiltMcp.Orleans.Bench.Load.Hosting;

namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>
/// quilt-mcp against the peers a user would otherwise build (issue 17): the SDK plus JwtBearer, which must not beat us,
/// and the bare SDK with its own GC default, of which we must reach 0.8x. Null when no peer ran.
/// </summary>
public static class PeerSummary
{
    public static ComparisonTable? Build(IReadOnlyList<RunResult> results)
    {
        var table = new ComparisonTable("ours", "peer");
        var rows = 0;
        foreach (var scenario in new[] { "tools-call", "tools-call-stateless" })
        {
            // Each quilt-mcp GC mode that ran gets its own rows, so the peers are compared with both.
            var variants = new[] { ServerKind.Ours, ServerKind.OursServerGc }
                .Where(kind => kind == ServerKind.Ours || Find(results, scenario, kind) is not null)
                .ToList();
            foreach (var variant in variants)
            {
                var ours = Find(results, scenario, variant);
                var suffix = variant == ServerKind.Ours ? "" : $" ({variant.Label()})";
                if (Find(results, scenario, ServerKind.BaselineWithJwt) is { } jwt)
                {
                    var name = $"{scenario} vs sdk+jwt{suffix}";
                    table.AddRatio(name, "requests/s", ours?.Rps, jwt.Rps, ">= 1.0x", ratio => ratio >= 1.0);
                    table.AddRatio(name, "p99 ms", ours?.P99Ms, jwt.P99Ms, "<= 1.2x", ratio => ratio <= 1.2);
                    table.AddRatio(name, "p50 ms", ours?.P50Ms, jwt.P50Ms, "");
                    table.AddRatio(name, "errors", ours?.Errors, jwt.Errors, "0");
                    rows++;
                }

                if (Find(results, scenario, ServerKind.BaselineDefaults) is { } defaults)
                {
                    var name = $"{scenario} vs baseline-defaults{suffix}";
                    table.AddRatio(name, "requests/s", ours?.Rps, defaults.Rps, ">= 0.8x", ratio => ratio >= 0.8);
                    table.AddRatio(name, "p99 ms", ours?.P99Ms, defaults.P99Ms, "");
                    table.AddRatio(name, "errors", ours?.Errors, defaults.Errors, "0");
                    rows++;
                }
            }
        }

        return rows == 0 ? null : table;
    }

    private static RunResult? Find(IReadOnlyList<RunResult> results, string scenario, ServerKind server) =>
        Summary.MedianOf(results.Where(result => result.Scenario == scenario && result.Server == server.Label()).ToList());
}
