namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// A folder-level metadata line of a manifest (a line without physical keys). quilt3 keeps these but leaves them
/// out of the top hash, so they are carried through unchanged.
/// </summary>
public sealed record DirectoryMeta(string LogicalKey, JsonElement Meta);
