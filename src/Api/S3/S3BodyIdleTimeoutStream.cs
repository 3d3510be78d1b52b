using System.Globalization;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An S3 response body that fails with <see cref="S3TimeoutException"/> when a read gets nothing for the idle limit,
/// so a body that stops arriving cannot hold a tool call; a body that keeps arriving may take as long as it needs.
/// The reader's own cancellation passes as it is.
/// </summary>
public sealed class S3BodyIdleTimeoutStream(Stream inner, TimeSpan idleLimit) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleLimit);
        try
        {
            return await inner.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException cancelled) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new S3TimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"the object's content stopped arriving for {idleLimit.TotalSeconds:0.#} s"), cancelled);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous reads have no timer to stop them; the tools read asynchronously.</summary>
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
