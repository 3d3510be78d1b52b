using System.Security.Cryptography;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// quilt3's sha2-256-chunked written out plainly from its published recipe, sharing no code with the server: 8 MiB
/// chunks (doubled while more than 10,000 would be needed), each hashed, the digests hashed, base64.
/// </summary>
public static class PlainChunkedHash
{
    public static string Of(byte[] data)
    {
        long chunk = 8 * 1024 * 1024;
        while (Math.Ceiling(data.Length / (double)chunk) > 10_000)
        {
            chunk *= 2;
        }

        var digests = data.Chunk((int)chunk).SelectMany(part => SHA256.HashData(part)).ToArray();
        return Convert.ToBase64String(SHA256.HashData(digests));
    }
}
