namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The values of Cognito's <c>token_use</c> claim.</summary>
public static class CognitoTokenUses
{
    /// <summary>Access tokens: audience in <c>client_id</c>, no <c>aud</c>.</summary>
    public const string Access = "access";

    /// <summary>ID tokens: audience in <c>aud</c>.</summary>
    public const string Id = "id";

    public static bool IsKnown(string value) => value is Access or Id;
}
