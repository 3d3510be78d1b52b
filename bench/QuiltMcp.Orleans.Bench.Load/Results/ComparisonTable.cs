using System.Globalization;
using System.Text;

namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>
/// The side-by-side summary printed at the end of a run: ours, baseline, ratio, and the issue's target. The two
/// figure columns can be named otherwise (the telemetry table compares quilt-mcp with OTLP export on and off).
/// </summary>
public sealed class ComparisonTable(string firstColumn = "ours", string secondColumn = "baseline")
{
    private readonly List<string[]> _rows = [];

    public void AddRatio(string scenario, string metric, double? ours, double? baseline, string target, Func<double, bool>? meets = null)
    {
        var ratio = ours is { } o && baseline is { } b && b != 0 ? o / b : (double?)null;
        var verdict = meets is null || ratio is null ? "" : meets(ratio.Value) ? "met" : "MISSED";
        _rows.Add([scenario, metric, Format(ours), Format(baseline), ratio is null ? "" : ratio.Value.ToString("0.00", CultureInfo.InvariantCulture) + "x", target, verdict]);
    }

    public void AddAbsolute(string scenario, string metric, double? ours, double? baseline, string target, Func<double, bool>? meets = null)
    {
        var verdict = meets is null || ours is null ? "" : meets(ours.Value) ? "met" : "MISSED";
        var ratio = ours is { } o && baseline is { } b && b != 0 ? (o / b).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "";
        _rows.Add([scenario, metric, Format(ours), Format(baseline), ratio, target, verdict]);
    }

    public string Render()
    {
        string[] header = ["scenario", "metric", firstColumn, secondColumn, "ratio", "target", ""];
        var all = _rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => all.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in all.Select((row, index) => (row, index)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            if (index == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(width => new string('-', width))).TrimEnd());
            }
        }

        return text.ToString();
    }

    private static string Format(double? value) => value switch
    {
        null => "-",
        >= 100 => value.Value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
