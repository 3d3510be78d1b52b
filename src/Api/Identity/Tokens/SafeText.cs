using System.Text;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Makes an unverified token value (kid, alg, token_use) safe to put into a reason: the reason may end up in a
/// <c>WWW-Authenticate</c> header or a log line, so quotes, control characters and length are not allowed.
/// </summary>
internal static class SafeText
{
    private const int MaxLength = 64;

    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength));
        foreach (var character in value.AsSpan(0, Math.Min(value.Length, MaxLength)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.' or ':' or '/' ? character : '?');
        }

        return value.Length > MaxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
