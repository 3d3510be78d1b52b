using System.Text;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Role session names and source identities in the character set STS accepts (<c>[A-Za-z0-9+=,.@_-]</c>), so
/// CloudTrail shows which user acted without any subject ever making an AssumeRole call invalid.
/// </summary>
public static class RoleSessionNames
{
    public const int MaximumLength = 64;
    private const string Prefix = "mcp-";

    /// <summary><c>mcp-&lt;subject&gt;-&lt;unix time&gt;</c>, the subject shortened so the time always fits.</summary>
    public static string ForSubject(string subject, DateTimeOffset now)
    {
        var suffix = "-" + now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var room = MaximumLength - Prefix.Length - suffix.Length;
        var name = Sanitize(subject);
        return Prefix + (name.Length > room ? name[..room] : name) + suffix;
    }

    /// <summary>The sanitised subject, 2–64 characters (STS' limits for SourceIdentity).</summary>
    public static string SourceIdentity(string subject)
    {
        // Sanitising also removes ':', so the reserved "aws:" prefix can never appear.
        var name = Sanitize(subject);
        name = name.Length > MaximumLength ? name[..MaximumLength] : name;
        return name.PadRight(2, '_');
    }

    internal static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var character in value)
        {
            builder.Append(IsAllowed(character) ? character : '_');
        }

        return builder.ToString();
    }

    private static bool IsAllowed(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '+' or '=' or ',' or '.' or '@' or '_' or '-';
}
