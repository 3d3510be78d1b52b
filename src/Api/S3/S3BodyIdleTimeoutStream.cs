using System.Globalization;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An S3 response body that fails with <see cref="S3TimeoutException"/> when a read gets nothing for the idle limit,
/// so a body that stops arriving cannot hold a tool call; a body that keeps arriving may take as long as it needs.
/// The reader's own cancellation passes as it is.
/// </summary>
public sealed class S3BodyIdleTimeoutStream(Stream inner, TimeSpan idleLimit) : ReadOnlyStreamWrapper(inner)
{
    public override long Length => Inner.Length;

    public override long Position
    {
        get => Inner.Position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleLimit);
        try
        {
            return await Inner.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException cancelled) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new S3TimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"the object's content stopped arriving for {idleLimit.TotalSeconds:0.#} s"), cancelled);
        }
    }

    /// <summary>Synchronous reads have no timer to stop them; the tools read asynchronously.</summary>
    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
}
