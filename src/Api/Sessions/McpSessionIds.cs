using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// The form of the session ids this server hands out (the SDK's: 16 random bytes, base64url, 22 characters). A
/// header that cannot be one of ours is answered "not found" before any grain is activated or storage read for it.
/// </summary>
public static partial class McpSessionIds
{
    public const string Header = "Mcp-Session-Id";

    /// <summary>Some room around 22 characters, in case the SDK lengthens its ids.</summary>
    public static bool IsWellFormed(string? sessionId) => sessionId is not null && Pattern().IsMatch(sessionId);

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
