namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// Builds principal grain keys. A key names where the identity came from, so the same subject from two
/// issuers never shares a grain (and never shares cached credentials).
/// </summary>
public static class PrincipalKeys
{
    /// <summary>Every HTTP caller without validated credentials.</summary>
    public const string Anonymous = "anonymous";

    private const char Separator = '|';

    /// <summary>The key of a token-authenticated principal.</summary>
    public static string ForToken(string issuer, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return string.Concat("jwt", Separator.ToString(), issuer, Separator.ToString(), subject);
    }

    /// <summary>The key of the local user of a desktop (stdio) server.</summary>
    public static string ForDesktopUser(string userName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return string.Concat("desktop", Separator.ToString(), userName);
    }
}
