namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The rule a version id must meet before it is sent anywhere. S3 documents version ids as opaque, URL-ready strings of
/// at most 1024 bytes; those it issues are base64-like (letters, digits, <c>. _ - + / =</c>; the literal <c>null</c>
/// names the version an object had before versioning was turned on). Anything else (spaces, <c>&amp; ? # %</c>,
/// quotes, non-ASCII, control characters) cannot be one of its version ids, and would only be a way to change the
/// request or the logs, so it is refused rather than sent.
/// </summary>
public static class S3VersionId
{
    public const int MaxLength = 1024;

    /// <summary>The sentence every refusal ends with, so the caller learns the rule, not just the case.</summary>
    public const string Rule = "S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =";

    /// <summary>What breaks the rule, as the end of a sentence about the version id, or null when it is fine.</summary>
    public static string? Problem(string? versionId)
    {
        if (string.IsNullOrEmpty(versionId))
        {
            return "is empty";
        }

        if (versionId.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        foreach (var c in versionId)
        {
            if (char.IsControl(c))
            {
                return "contains control characters";
            }

            if (!IsAllowed(c))
            {
                return $"contains '{c}', which S3 version ids never do";
            }
        }

        return null;
    }

    /// <summary>Throws a tool error naming <paramref name="argument"/> unless the version id meets the rule.</summary>
    public static string Ensure(string? versionId, string argument)
    {
        if (Problem(versionId) is { } problem)
        {
            var quoted = string.IsNullOrEmpty(versionId) ? "" : $" '{S3Names.Shorten(versionId)}'";
            throw new InvalidS3AddressException($"{argument}{quoted} {problem}; {Rule}.");
        }

        return versionId!;
    }

    /// <summary>
    /// The version id S3 reported, as a result shows it: absent when S3 sent none (an unversioned bucket) or sent
    /// <c>null</c> (an object written before versioning), which says nothing a caller could use.
    /// </summary>
    public static string? Reported(string? fromS3) =>
        string.IsNullOrEmpty(fromS3) || fromS3 == "null" ? null : fromS3;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '/' or '=';
}
