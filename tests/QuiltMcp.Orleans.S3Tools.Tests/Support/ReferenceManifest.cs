using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// A second, deliberately simple reading of quilt3 manifests for checking what the server wrote: its own line
/// parser and its own top-hash computation (sorted keys, compact separators, ASCII and integers only — all the
/// round-trip tests use), sharing no code with the server.
/// </summary>
public sealed class ReferenceManifest
{
    private ReferenceManifest(JsonElement meta, IReadOnlyList<JsonElement> entries)
    {
        Meta = meta;
        Entries = entries;
    }

    /// <summary>Python's json.dumps leaves '+' (base64 hashes have it) and the HTML characters as they are; .NET's default escapes them.</summary>
    private static readonly JsonSerializerOptions PythonStrings = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonElement Meta { get; }

    public IReadOnlyList<JsonElement> Entries { get; }

    public JsonElement Entry(string logicalKey) => Entries.Single(entry => entry.GetProperty("logical_key").GetString() == logicalKey);

    public static ReferenceManifest Parse(byte[] jsonl)
    {
        var lines = Encoding.UTF8.GetString(jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
        return new ReferenceManifest(parsed[0], parsed[1..].Where(line => line.TryGetProperty("physical_keys", out _)).ToArray());
    }

    public string ComputeTopHash()
    {
        var text = new StringBuilder(Canonical(Meta));
        var ordered = Entries.OrderBy(entry => entry.GetProperty("logical_key").GetString()!.Split('/'), new SegmentsComparer());
        foreach (var entry in ordered)
        {
            text.Append("{\"hash\":").Append(Canonical(entry.GetProperty("hash")))
                .Append(",\"logical_key\":").Append(Canonical(entry.GetProperty("logical_key")))
                .Append(",\"meta\":").Append(Canonical(entry.GetProperty("meta")))
                .Append(",\"size\":").Append(entry.GetProperty("size").GetInt64()).Append('}');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())));
    }

    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name, PythonStrings) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.String => JsonSerializer.Serialize(value.GetString(), PythonStrings),
        JsonValueKind.Number => value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private sealed class SegmentsComparer : IComparer<string[]>
    {
        public int Compare(string[]? x, string[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
