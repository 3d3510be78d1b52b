using System.Text.RegularExpressions;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// A parsed Quilt+ URI, quilt3's <c>quilt+s3://bucket#package=namespace/name[@top_hash|:tag][&amp;path=logical/key][&amp;catalog=host]</c>:
/// a package revision (<c>@</c> a top hash or a prefix of 6+ hex digits, <c>:</c> a tag, <c>latest</c> or a revision time;
/// neither means <c>latest</c>, both is refused as quilt3 refuses it) and, with <c>path</c>, one file in it. Fragment
/// values are percent-decoded once, as quilt3 reads them, and then held to the package name, revision and logical-key
/// rules, so an encoded <c>..</c> or separator is refused like a plain one. <c>catalog</c> names the web catalog a
/// link came from and is not used to read.
/// </summary>
public sealed partial record QuiltPackageUri(string Bucket, string Package, RevisionSelector Revision, string? Path)
{
    public const string Scheme = "quilt+s3://";

    /// <summary>The longest URI looked at; a key is at most 1024 bytes, so a longer one cannot name a package file.</summary>
    public const int MaxLength = 4096;

    private const string Expected = "Expected quilt+s3://bucket#package=namespace/name, optionally with @top_hash or :tag and &path=logical/key.";

    /// <summary>No revision given, or <c>:latest</c>.</summary>
    public bool IsLatest => Revision.Text == PackageRegistry.Latest;

    public static QuiltPackageUri Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw Invalid(text, "it is empty");
        }

        if (text.Length > MaxLength)
        {
            throw Invalid(text, $"it is longer than {MaxLength} characters");
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw Invalid(text, "it must start with quilt+s3://");
        }

        if (text.Any(char.IsControl))
        {
            throw Invalid(text, "it contains control characters");
        }

        var rest = text[Scheme.Length..];
        if (rest.Split('#', 2) is not [var bucket, var fragment])
        {
            throw Invalid(text, "it has no #package=… fragment");
        }

        if (!S3Names.IsBucketName(bucket))
        {
            throw Invalid(text, $"'{S3Names.Shorten(bucket)}' is not a valid bucket name (the bucket is followed directly by #package=…)");
        }

        var fields = ReadFragment(text, fragment);
        if (!fields.TryGetValue("package", out var packageField))
        {
            throw Invalid(text, "its fragment has no package=…");
        }

        var (package, revision) = ReadPackage(text, packageField);
        string? path = null;
        if (fields.TryGetValue("path", out var pathField))
        {
            try
            {
                LogicalKey.EnsureValid(pathField, "path");
            }
            catch (PackageFormatException problem)
            {
                throw Invalid(text, char.ToLowerInvariant(problem.Message[0]) + problem.Message[1..].TrimEnd('.'));
            }

            path = pathField;
        }

        return new QuiltPackageUri(bucket, package, revision, path);
    }

    /// <summary>The canonical form: <c>@</c> with a top hash, <c>:</c> with a tag, the path encoded as quilt3 writes it.</summary>
    public override string ToString()
    {
        var specifier = Revision.IsPointer ? (IsLatest ? "" : ":" + Revision.Text) : "@" + Revision.Text;
        return Scheme + Bucket + "#package=" + Package + specifier + (Path is null ? "" : "&path=" + S3Uri.Encode(Path));
    }

    /// <summary>Equal when they name the same revision selector, not only the same selector object.</summary>
    public bool Equals(QuiltPackageUri? other) =>
        other is not null && Bucket == other.Bucket && Package == other.Package && Revision.Text == other.Revision.Text && Path == other.Path;

    public override int GetHashCode() => HashCode.Combine(Bucket, Package, Revision.Text, Path);

    private static Dictionary<string, string> ReadFragment(string text, string fragment)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in fragment.Split('&'))
        {
            if (pair.Split('=', 2) is not [var name, var encoded])
            {
                throw Invalid(text, $"its fragment part '{S3Names.Shorten(pair)}' is not name=value");
            }

            if (name is not ("package" or "path" or "catalog"))
            {
                throw Invalid(text, $"its fragment has '{S3Names.Shorten(name)}'; only package, path and catalog are understood");
            }

            if (fields.ContainsKey(name))
            {
                throw Invalid(text, $"{name} is given twice");
            }

            var value = Uri.UnescapeDataString(encoded);
            if (value.Any(char.IsControl))
            {
                throw Invalid(text, $"its {name} decodes to control characters");
            }

            fields[name] = value;
        }

        return fields;
    }

    private static (string Package, RevisionSelector Revision) ReadPackage(string text, string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (at >= 0 && colon >= 0)
        {
            throw Invalid(text, "its package has both @top_hash and :tag; give one");
        }

        var cut = at >= 0 ? at : colon;
        var name = cut >= 0 ? value[..cut] : value;
        if (!PackageName.IsValid(name))
        {
            throw Invalid(text, $"'{S3Names.Shorten(name)}' is not a package name of the form namespace/name (letters, digits, '_' and '-' on each side of one '/')");
        }

        if (cut < 0)
        {
            return (name, RevisionSelector.Latest);
        }

        var specifier = value[(cut + 1)..];
        if (at >= 0)
        {
            if (!HashPrefix().IsMatch(specifier))
            {
                throw Invalid(text, $"'@{S3Names.Shorten(specifier)}' is not a top hash (64 lowercase hex digits, or a prefix of at least 6)");
            }

            // A short prefix of digits only would read as a revision time; a hash is meant, so more digits are needed.
            return RevisionSelector.Parse(specifier) is { IsPointer: false } hash
                ? (name, hash)
                : throw Invalid(text, $"'@{specifier}' has only digits, which reads as a revision time; give more digits of the top hash");
        }

        return specifier.Length > 0 && TryParse(specifier) is { IsPointer: true } tag
            ? (name, tag)
            : throw Invalid(text, $"':{S3Names.Shorten(specifier)}' is not a tag ('latest' or a revision time in Unix seconds); a top hash goes after '@'");
    }

    private static RevisionSelector? TryParse(string specifier)
    {
        try
        {
            return RevisionSelector.Parse(specifier);
        }
        catch (PackageFormatException)
        {
            return null;
        }
    }

    private static PackageFormatException Invalid(string? text, string reason) =>
        new($"Invalid Quilt URI '{S3Names.Shorten(text)}': {reason}. {Expected}");

    [GeneratedRegex("^[0-9a-f]{6,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashPrefix();
}
