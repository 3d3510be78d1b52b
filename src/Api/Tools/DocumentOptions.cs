namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>The <c>Documents</c> section: where the markdown served by the document tools lives.</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>A folder holding <c>public.md</c> and <c>confidential.md</c>; relative paths start at the executable.</summary>
    public string Path { get; set; } = "documents";

    public string ResolvedPath => System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);
}
