using System.Security.Cryptography;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// quilt3's <c>sha2-256-chunked</c> hash, computed incrementally as the object streams past: the content is cut into
/// chunks of <see cref="ChunkSize"/> bytes (the last one shorter), each chunk is hashed with SHA-256, and the value is
/// the base64 of the SHA-256 of those chunk digests laid end to end. An empty object has no chunks, so its value is
/// the SHA-256 of nothing. The chunks are the parts of quilt3's multipart copies, so the same value also follows from
/// the per-part SHA-256 checksums S3 returns for them (<see cref="FromPartDigests"/>), and for an object of at most one
/// chunk from its whole-object SHA-256 (<see cref="FromSingleChunkDigest"/>).
/// </summary>
public sealed class ChunkedSha256 : IDisposable
{
    /// <summary>quilt3's fixed starting chunk size (its multipart threshold and part size), 8 MiB.</summary>
    public const long BaseChunkSize = 8L * 1024 * 1024;

    /// <summary>S3's limit on the parts of one multipart upload, which the chunk count must stay within.</summary>
    public const int MaxChunks = 10_000;

    private readonly long _chunkSize;
    private readonly long _expectedSize;
    private readonly IncrementalHash _chunk = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _digests = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _inChunk;
    private long _total;

    /// <param name="expectedSize">The object's size, which fixes the chunk size; the bytes appended must add up to it.</param>
    public ChunkedSha256(long expectedSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSize);
        _expectedSize = expectedSize;
        _chunkSize = ChunkSize(expectedSize);
    }

    /// <summary>8 MiB, doubled for as long as an object of <paramref name="size"/> bytes would need more than 10,000 chunks.</summary>
    public static long ChunkSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var chunk = BaseChunkSize;
        while (ChunkCount(size, chunk) > MaxChunks)
        {
            chunk *= 2;
        }

        return chunk;
    }

    /// <summary>How many chunks (and multipart parts) an object of <paramref name="size"/> bytes has; zero when empty.</summary>
    public static long ChunkCount(long size, long chunkSize) => size == 0 ? 0 : ((size - 1) / chunkSize) + 1;

    /// <summary>The value from the chunks' own SHA-256 digests, in order (as S3 reports them per part, decoded).</summary>
    public static EntryHash FromPartDigests(IEnumerable<byte[]> partDigests)
    {
        ArgumentNullException.ThrowIfNull(partDigests);
        using var digests = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var digest in partDigests)
        {
            digests.AppendData(digest);
        }

        return new EntryHash(EntryHash.Sha256Chunked, Convert.ToBase64String(digests.GetHashAndReset()));
    }

    /// <summary>
    /// The value for an object of at most one chunk from the SHA-256 of its content: the hash of that one digest, or,
    /// for an empty object (no chunks), the digest itself.
    /// </summary>
    public static EntryHash FromSingleChunkDigest(byte[] digest, long size)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (size > BaseChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Only an object of at most one chunk has its value follow from its SHA-256.");
        }

        return size == 0 ? new EntryHash(EntryHash.Sha256Chunked, Convert.ToBase64String(digest)) : FromPartDigests([digest]);
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _total += data.Length;
        if (_total > _expectedSize)
        {
            throw new InvalidDataException($"The object is longer than its announced {_expectedSize} bytes.");
        }

        while (!data.IsEmpty)
        {
            var take = (int)Math.Min(data.Length, _chunkSize - _inChunk);
            _chunk.AppendData(data[..take]);
            _inChunk += take;
            data = data[take..];
            if (_inChunk == _chunkSize)
            {
                CloseChunk();
            }
        }
    }

    /// <summary>The hash of everything appended, which must be exactly the announced size.</summary>
    public EntryHash Finish()
    {
        if (_total != _expectedSize)
        {
            throw new InvalidDataException($"The object ended after {_total} of its announced {_expectedSize} bytes.");
        }

        if (_inChunk > 0)
        {
            CloseChunk();
        }

        return new EntryHash(EntryHash.Sha256Chunked, Convert.ToBase64String(_digests.GetHashAndReset()));
    }

    public void Dispose()
    {
        _chunk.Dispose();
        _digests.Dispose();
    }

    private void CloseChunk()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _chunk.GetHashAndReset(digest);
        _digests.AppendData(digest);
        _inChunk = 0;
    }
}
