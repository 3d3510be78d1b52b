using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Builds <c>WWW-Authenticate</c> challenges per RFC 6750 and the MCP authorization spec: an absolute
/// <c>resource_metadata</c> URL (clients such as Claude and VS Code need it to begin OAuth), the scopes this
/// server uses, and <c>error="invalid_token"</c> when a token was presented but refused.
/// </summary>
public sealed class ChallengeBuilder(ResourceMetadataLocator locator, ToolAccessPolicy policy)
{
    public string Build(HttpRequest request, string? failure)
    {
        var parts = new List<string>
        {
            $"resource_metadata=\"{locator.MetadataUrl(request)}\"",
            $"scope=\"{string.Join(' ', policy.SupportedScopes())}\"",
        };
        if (failure is not null)
        {
            parts.Add($"error=\"{OAuthErrorCodes.InvalidToken}\"");
            parts.Add($"error_description=\"{Quote(failure)}\"");
        }

        return "Bearer " + string.Join(", ", parts);
    }

    /// <summary>Header values must stay printable ASCII and must not break out of the quoted string.</summary>
    private static string Quote(string text)
    {
        // Stryker disable once Equality: a space is kept or replaced by a space alike (equivalent at the lower bound).
        var cleaned = new string(text.Select(c => c is >= ' ' and <= '~' && c != '"' && c != '\\' ? c : ' ').ToArray());
        // Stryker disable once Equality: a description of exactly 200 characters is the same cut or uncut.
        return cleaned.Length > 200 ? cleaned[..200] : cleaned;
    }
}
