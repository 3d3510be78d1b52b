namespace QuiltMcp.Orleans.Bench.Load.Telemetry;

/// <summary>
/// Counts the spans of an OTLP <c>ExportTraceServiceRequest</c> or the metrics of an <c>ExportMetricsServiceRequest</c>
/// by walking the protobuf wire format: both nest their items at field 1 (resource_spans / resource_metrics), then
/// field 2 (scope_spans / scope_metrics), then field 2 (spans / metrics). Only counting, so no generated types needed.
/// </summary>
public static class OtlpItemCounter
{
    private static readonly int[] ItemPath = [1, 2, 2];

    /// <summary>The items in one export body; a body that is not well-formed protobuf counts what was read before the fault.</summary>
    public static long Count(ReadOnlySpan<byte> body) => CountAt(body, 0);

    private static long CountAt(ReadOnlySpan<byte> message, int depth)
    {
        long count = 0;
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadVarint(message, ref position, out var key))
            {
                return count;
            }

            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    if (!TryReadVarint(message, ref position, out _))
                    {
                        return count;
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    if (!TryReadVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
                    {
                        return count;
                    }

                    if (field == ItemPath[depth])
                    {
                        count += depth == ItemPath.Length - 1 ? 1 : CountAt(message.Slice(position, (int)length), depth + 1);
                    }

                    position += (int)length;
                    break;
                default:
                    return count;
            }
        }

        return count;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var next = data[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
