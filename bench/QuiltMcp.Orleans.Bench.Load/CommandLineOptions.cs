using System.Globalization;

namespace QuiltMcp.Orleans.Bench.Load;

/// <summary>
/// <c>--name value</c> and bare <c>--flag</c> options. Deliberately tiny: the harness has a handful of knobs, and
/// an unknown option is an error rather than silently ignored.
/// </summary>
public sealed class CommandLineOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLineOptions(IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{list[i]}'");
            }

            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name] = hasValue ? list[++i] : "true";
        }
    }

    public bool Flag(string name) => Read(name) is "true";

    public string Text(string name, string fallback) => Read(name) ?? fallback;

    public int Int(string name, int fallback) => Read(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Seconds, e.g. <c>--duration 20</c>.</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback) =>
        Read(name) is { } text ? TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)) : fallback;

    public IReadOnlyList<string> List(string name, string fallback) =>
        Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Fails on options nobody asked for (typos).</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(key => !_read.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(key => "--" + key)));
        }
    }

    private string? Read(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }
}
