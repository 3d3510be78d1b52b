namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>One file of a package: where it is, how big, its hash, and its metadata (<c>{}</c> when none).</summary>
/// <param name="LogicalKey">The path inside the package.</param>
/// <param name="PhysicalKey">The <c>s3://</c> URL of the data, in quilt3's encoded form.</param>
/// <param name="Size">The object's size in bytes.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Meta">The entry's <c>meta</c> object exactly as read or given; its numbers keep their original form.</param>
public sealed record ManifestEntry(string LogicalKey, string PhysicalKey, long Size, EntryHash Hash, JsonElement Meta)
{
    /// <summary>Same content and metadata (quilt3 compares entries by hash and size; metadata is reported too).</summary>
    public bool SameAs(ManifestEntry other) =>
        other is not null
        && Size == other.Size
        && Hash == other.Hash
        && PythonJson.Serialize(Meta) == PythonJson.Serialize(other.Meta);
}
