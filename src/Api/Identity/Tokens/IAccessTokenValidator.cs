namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>Validates a bearer access token (the part after <c>Bearer </c>) and decodes its claims.</summary>
public interface IAccessTokenValidator
{
    /// <summary>
    /// Never throws for a bad token: every rejection is a failed outcome. Throws only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken cancellationToken = default);
}
