using Microsoft.Extensions.Logging.Testing;

namespace QuiltMcp.Orleans.Testing.Logging;

/// <summary>
/// Log records (captured with <see cref="FakeLogCollector"/>) as the text an operator's log store would hold: level,
/// category and event id, the formatted message, every structured value and the exception with its stack. Tests
/// search it for what must (or must never) have been logged.
/// </summary>
public static class LogLines
{
    public static string Of(FakeLogRecord record)
    {
        var values = string.Join(" ", (record.StructuredState ?? []).Select(pair => $"{pair.Key}={pair.Value}"));
        return $"{record.Level} {record.Category}[{record.Id.Id}] {record.Message} | {values} | {record.Exception}";
    }

    /// <summary>The text of every record collected so far, from record number <paramref name="skip"/> on.</summary>
    public static IReadOnlyList<string> Lines(this FakeLogCollector collector, int skip = 0) =>
        collector.GetSnapshot().Skip(skip).Select(Of).ToArray();
}
