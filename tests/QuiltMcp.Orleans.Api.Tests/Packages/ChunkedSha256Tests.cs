using System.Security.Cryptography;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tests.Packages;

/// <summary>
/// quilt3's sha2-256-chunked against a second, deliberately plain implementation written here from the published
/// recipe (whole buffers, LINQ, floating-point part counts), and against values computed with Python's hashlib.
/// </summary>
public sealed class ChunkedSha256Tests
{
    private const int MiB = 1024 * 1024;

    public static TheoryData<int> Sizes => [0, 1, (8 * MiB) - 1, 8 * MiB, (8 * MiB) + 1, (16 * MiB) + 5];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Streamed_in_uneven_pieces_it_matches_the_plain_recipe(int size)
    {
        var data = Generated(size);
        using var hash = new ChunkedSha256(size);
        var random = new Random(size);
        for (var offset = 0; offset < size;)
        {
            var piece = Math.Min(size - offset, random.Next(1, 3 * MiB));
            hash.Append(data.AsSpan(offset, piece));
            offset += piece;
        }

        var value = hash.Finish();

        Assert.Equal(EntryHash.Sha256Chunked, value.Type);
        Assert.Equal(PlainChunkedHash(data), value.Value);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_value_from_S3s_per_part_or_whole_object_SHA256_is_the_streamed_value(int size)
    {
        var data = Generated(size);
        var partDigests = data.Chunk(8 * MiB).Select(SHA256.HashData).ToArray();

        Assert.Equal(PlainChunkedHash(data), ChunkedSha256.FromPartDigests(partDigests).Value);
        if (size <= 8 * MiB)
        {
            Assert.Equal(PlainChunkedHash(data), ChunkedSha256.FromSingleChunkDigest(SHA256.HashData(data), size).Value);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ChunkedSha256.FromSingleChunkDigest(SHA256.HashData(data), size));
        }
    }

    [Fact]
    public void Known_values_computed_with_hashlib()
    {
        // base64(sha256(b"")): no chunks at all, not one empty chunk.
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Hash([]));
        // base64(sha256(sha256(b"hello world"))): one chunk.
        Assert.Equal("vGLUuA2eNtopwWxdTZ8Rcx82BSxyQBp2wjwPtam3RCM=", Hash("hello world"u8.ToArray()));
        // Two chunks: bytes i % 251 for i < 8 MiB + 3.
        Assert.Equal("5b3gFmGhCAV1+gjCVU4oYFcteLCxRYUE0gbOgY4dMzg=", Hash(Enumerable.Range(0, (8 * MiB) + 3).Select(index => (byte)(index % 251)).ToArray()));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(10_000L * 8 * MiB)]
    [InlineData((10_000L * 8 * MiB) + 1)]
    [InlineData(10_000L * 16 * MiB)]
    [InlineData((10_000L * 16 * MiB) + 1)]
    [InlineData(5L * 1024 * 1024 * MiB)]
    public void The_chunk_size_doubles_while_more_than_ten_thousand_chunks_would_be_needed(long size)
    {
        long expected = 8 * MiB;
        while (Math.Ceiling(size / (double)expected) > 10_000)
        {
            expected *= 2;
        }

        var chunk = ChunkedSha256.ChunkSize(size);

        Assert.Equal(expected, chunk);
        Assert.Equal((long)Math.Ceiling(size / (double)chunk), ChunkedSha256.ChunkCount(size, chunk));
        Assert.InRange(ChunkedSha256.ChunkCount(size, chunk), 0, 10_000);
    }

    [Fact]
    public void The_doubling_boundaries_are_exact()
    {
        Assert.Equal(8L * MiB, ChunkedSha256.ChunkSize(10_000L * 8 * MiB));
        Assert.Equal(16L * MiB, ChunkedSha256.ChunkSize((10_000L * 8 * MiB) + 1));
        Assert.Equal(32L * MiB, ChunkedSha256.ChunkSize((10_000L * 16 * MiB) + 1));
        // S3's largest object, 5 TiB: 8 MiB doubled seven times.
        Assert.Equal(1024L * MiB, ChunkedSha256.ChunkSize(5L * 1024 * 1024 * MiB));
    }

    [Fact]
    public void An_object_shorter_or_longer_than_announced_is_not_hashed()
    {
        using (var shorter = new ChunkedSha256(10))
        {
            shorter.Append(new byte[9]);
            Assert.Throws<InvalidDataException>(() => shorter.Finish());
        }

        using var longer = new ChunkedSha256(10);
        Assert.Throws<InvalidDataException>(() => longer.Append(new byte[11]));
    }

    private static string Hash(byte[] data)
    {
        using var hash = new ChunkedSha256(data.Length);
        hash.Append(data);
        return hash.Finish().Value;
    }

    /// <summary>The recipe as published: fixed 8 MiB chunks (enough below 78 GiB), each hashed, the digests hashed.</summary>
    private static string PlainChunkedHash(byte[] data)
    {
        var digests = data.Chunk(8 * MiB).SelectMany(chunk => SHA256.HashData(chunk)).ToArray();
        return Convert.ToBase64String(SHA256.HashData(digests));
    }

    private static byte[] Generated(int size)
    {
        var data = new byte[size];
        new Random(42).NextBytes(data);
        return data;
    }
}
