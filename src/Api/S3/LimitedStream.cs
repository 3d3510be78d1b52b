namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// A read-only view of a stream that fails as soon as more than a limit has been read, so a reader that streams
/// (lines of a manifest) never holds more than the limit whatever the object's size claims to be.
/// </summary>
public sealed class LimitedStream(Stream inner, long limit, string what) : ReadOnlyStreamWrapper(inner)
{
    private long _read;

    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _read += read;
        return _read > limit
            ? throw new S3AccessException($"{what} is larger than the limit of {limit} bytes.")
            : read;
    }
}
