using System.Security.Cryptography;
using System.Text;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// quilt3's package top hash: one SHA-256 fed first the canonical JSON of the package metadata line, then, for each
/// file entry in walk order, the canonical JSON of <c>{"hash", "logical_key", "meta", "size"}</c>. Physical keys
/// are left out (moving data does not change a package) and so are folder metadata lines.
/// </summary>
public static class TopHash
{
    public static string Compute(JsonElement meta, IEnumerable<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(PythonJson.Serialize(meta)));
        foreach (var entry in entries.OrderBy(entry => entry.LogicalKey, LogicalKey.WalkOrder))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(PythonJson.Serialize(HashedPart(entry))));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JsonElement HashedPart(ManifestEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("hash");
            writer.WriteString("type", entry.Hash.Type);
            writer.WriteString("value", entry.Hash.Value);
            writer.WriteEndObject();
            writer.WriteString("logical_key", entry.LogicalKey);
            writer.WritePropertyName("meta");
            entry.Meta.WriteTo(writer);
            writer.WriteNumber("size", entry.Size);
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }
}
