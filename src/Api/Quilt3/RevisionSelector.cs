using System.Text.RegularExpressions;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// A checked <c>hash_or_tag</c>: <c>latest</c> (or nothing), a revision's Unix time, a full top hash, or a prefix of
/// at least 6 hex digits. Parsed with the other arguments, so a malformed selector is refused before credentials are
/// requested; only resolving it needs S3.
/// </summary>
public sealed partial class RevisionSelector
{
    private RevisionSelector(string text) => Text = text;

    public static RevisionSelector Latest { get; } = new(PackageRegistry.Latest);

    public string Text { get; }

    /// <summary><c>latest</c> or a revision time: the top hash is read from the pointer object of that name.</summary>
    public bool IsPointer => Text == PackageRegistry.Latest || Timestamp().IsMatch(Text);

    public bool IsTopHash => PackageRegistry.IsTopHash(Text);

    /// <summary>A unique prefix of a top hash, resolved by listing the manifests.</summary>
    public bool IsHashPrefix => !IsPointer && !IsTopHash;

    public static RevisionSelector Parse(string? hashOrTag, string argument = "hash_or_tag")
    {
        if (string.IsNullOrWhiteSpace(hashOrTag))
        {
            return Latest;
        }

        var text = hashOrTag.Trim();
        return text == PackageRegistry.Latest || Timestamp().IsMatch(text) || HashPrefix().IsMatch(text)
            ? new RevisionSelector(text)
            : throw new PackageFormatException($"{argument} '{S3Names.Shorten(text)}' is not 'latest', a revision time (Unix seconds) or a top hash "
                + "(64 lowercase hex digits, or a prefix of at least 6).");
    }

    public override string ToString() => Text;

    [GeneratedRegex("^[0-9a-f]{6,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashPrefix();

    [GeneratedRegex("^[0-9]{1,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
