using System.Text;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Reads and writes quilt3 manifests (JSON Lines): the package metadata line, then one line per entry with
/// <c>logical_key</c>, <c>physical_keys</c>, <c>size</c>, <c>hash</c> and <c>meta</c>. Lines without physical keys
/// are folder metadata.
/// </summary>
public static class ManifestCodec
{
    public static async Task<PackageManifest> ReadAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        JsonElement? meta = null;
        var entries = new List<ManifestEntry>();
        var folders = new List<DirectoryMeta>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Corrupt(source, number, "not a JSON object");
                }

                if (meta is null)
                {
                    meta = root.Clone();
                    continue;
                }

                if (entries.Count + folders.Count >= S3Limits.MaxPackageEntries * 10)
                {
                    throw new PackageFormatException($"The manifest {source} has more entries than this server reads ({S3Limits.MaxPackageEntries * 10}).");
                }

                var logicalKey = root.TryGetProperty("logical_key", out var key) && key.ValueKind == JsonValueKind.String
                    ? key.GetString()!
                    : throw Corrupt(source, number, "no logical_key");
                var entryMeta = root.TryGetProperty("meta", out var metaValue) && metaValue.ValueKind == JsonValueKind.Object
                    ? metaValue.Clone()
                    : EmptyObject;
                if (!root.TryGetProperty("physical_keys", out var physical) || physical.ValueKind != JsonValueKind.Array || physical.GetArrayLength() == 0)
                {
                    folders.Add(new DirectoryMeta(logicalKey, entryMeta));
                    continue;
                }

                if (!keys.Add(logicalKey))
                {
                    throw Corrupt(source, number, $"logical key '{S3Names.Shorten(logicalKey)}' appears twice");
                }

                entries.Add(new ManifestEntry(
                    logicalKey,
                    physical[0].GetString() ?? throw Corrupt(source, number, "a physical key is not a string"),
                    root.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : throw Corrupt(source, number, "no integer size"),
                    ReadHash(root, source, number),
                    entryMeta));
            }
        }
        catch (JsonException failure)
        {
            throw Corrupt(source, number, $"invalid JSON ({failure.Message})");
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt(source, number, "not UTF-8");
        }

        if (meta is null)
        {
            throw new PackageFormatException($"The manifest {source} is empty.");
        }

        return new PackageManifest(meta.Value, entries.OrderBy(entry => entry.LogicalKey, LogicalKey.WalkOrder).ToArray(), folders);
    }

    /// <summary>The manifest as UTF-8 JSON Lines: metadata, folder metadata, then entries in walk order.</summary>
    public static byte[] Write(PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        WriteLine(buffer, writer => manifest.Meta.WriteTo(writer));
        foreach (var folder in manifest.Directories)
        {
            WriteLine(buffer, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("logical_key", folder.LogicalKey);
                writer.WritePropertyName("meta");
                folder.Meta.WriteTo(writer);
                writer.WriteEndObject();
            });
        }

        foreach (var entry in manifest.Entries.OrderBy(entry => entry.LogicalKey, LogicalKey.WalkOrder))
        {
            WriteLine(buffer, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("logical_key", entry.LogicalKey);
                writer.WriteStartArray("physical_keys");
                writer.WriteStringValue(entry.PhysicalKey);
                writer.WriteEndArray();
                writer.WriteNumber("size", entry.Size);
                writer.WriteStartObject("hash");
                writer.WriteString("type", entry.Hash.Type);
                writer.WriteString("value", entry.Hash.Value);
                writer.WriteEndObject();
                writer.WritePropertyName("meta");
                entry.Meta.WriteTo(writer);
                writer.WriteEndObject();
            });
        }

        return buffer.ToArray();
    }

    public static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    private static void WriteLine(MemoryStream buffer, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
    }

    private static EntryHash ReadHash(JsonElement root, string source, int number)
    {
        if (root.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.Object
            && hash.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && hash.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
        {
            return new EntryHash(type.GetString()!, value.GetString()!);
        }

        throw Corrupt(source, number, "no hash {type, value}");
    }

    private static PackageFormatException Corrupt(string source, int line, string reason) =>
        new($"The manifest {source} is not a valid quilt3 manifest (line {line}: {reason}).");
}
