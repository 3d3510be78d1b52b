namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Reads at most a limit from a stream, never more, and says whether anything was left. The caller disposes the
/// stream, which abandons the rest of the response body instead of downloading it.
/// </summary>
public static class BoundedRead
{
    public static async Task<(byte[] Data, bool Truncated)> ReadAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        // One byte beyond the limit tells "exactly the limit" from "more than the limit".
        var buffer = new byte[limit + 1];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        var truncated = filled > limit;
        return (buffer.AsSpan(0, Math.Min(filled, limit)).ToArray(), truncated);
    }
}
