using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>
/// What a catalog user name can be. The catalog asks for a letter or underscore followed by letters, digits and
/// underscores when an admin invites a user; names made by SSO sign-in and service accounts may also hold
/// <c>. @ + -</c>, so those are allowed too. Anything else (spaces, control characters, slashes, braces) cannot name
/// a user and is refused before the catalog is asked.
/// </summary>
public static class CatalogUserName
{
    public const int MaxLength = 150;

    public static void Ensure(string? name, string argument)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !name.All(IsAllowed))
        {
            var shown = name is null ? "" : S3.S3Names.Shorten(name);
            throw new McpException($"{argument} '{shown}' is not a catalog user name (1–{MaxLength} letters, digits and _ . @ + -); "
                + "admin_users_list lists the users.");
        }
    }

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '@' or '+' or '-';
}
