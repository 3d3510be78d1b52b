namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>Bearer token error codes (RFC 6750 §3.1) for the <c>WWW-Authenticate</c> challenge.</summary>
public static class OAuthErrorCodes
{
    /// <summary>The token is expired, revoked, malformed, or invalid for other reasons.</summary>
    public const string InvalidToken = "invalid_token";
}
