namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>A package revision: its metadata line and its entries, in quilt3's walk order.</summary>
public sealed record PackageManifest(JsonElement Meta, IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<DirectoryMeta> Directories)
{
    public string? Message => Meta.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;

    public JsonElement? UserMeta => Meta.TryGetProperty("user_meta", out var user) ? user : null;

    /// <summary>The top hash quilt3 computes for this revision.</summary>
    public string TopHash => Quilt3.TopHash.Compute(Meta, Entries);
}
