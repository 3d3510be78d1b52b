using System.Text;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// STS session tags from the caller's claims, as configured in <c>Aws:SessionTagClaims</c>. Values are trimmed to
/// STS' limits and character set; a claim that is missing or not a scalar adds no tag.
/// </summary>
public sealed class SessionTagBuilder(IOptionsMonitor<AwsOptions> options)
{
    private const int MaximumValueLength = 256;

    public IReadOnlyDictionary<string, string> Build(CallerCredential? credential)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (credential is null)
        {
            return tags;
        }

        foreach (var (tag, claim) in options.CurrentValue.SessionTagClaims)
        {
            if (credential.TokenClaims.TryGetValue(claim, out var value) && ToText(value) is { Length: > 0 } text)
            {
                tags[tag] = Clean(text);
            }
        }

        return tags;
    }

    private static string? ToText(object? value) => value switch
    {
        string text => text,
        long or int or double or bool => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Clean(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaximumValueLength));
        foreach (var character in value.AsSpan(0, Math.Min(value.Length, MaximumValueLength)))
        {
            var allowed = char.IsLetterOrDigit(character) || char.IsWhiteSpace(character)
                || character is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@';
            builder.Append(allowed ? character : '_');
        }

        return builder.ToString();
    }
}
