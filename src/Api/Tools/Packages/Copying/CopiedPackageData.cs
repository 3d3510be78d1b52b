using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>The manifest entries of copied data (pointing at the copies), and how much was copied.</summary>
/// <param name="Entries">One entry per source, in the sources' order.</param>
/// <param name="CopiedObjects">Objects copied; a source already at its destination is not copied again.</param>
/// <param name="CopiedBytes">Their total size.</param>
public sealed record CopiedPackageData(IReadOnlyList<ManifestEntry> Entries, int CopiedObjects, long CopiedBytes);
