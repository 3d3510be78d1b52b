using System.Diagnostics.CodeAnalysis;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The result of validating a bearer token: either the validated token or an OAuth error with a reason that is
/// safe to show the caller (it never contains the token or any secret).
/// </summary>
public sealed class TokenValidationOutcome
{
    private TokenValidationOutcome(ValidatedAccessToken? token, string? error, string? reason)
    {
        Token = token;
        Error = error;
        Reason = reason;
    }

    public ValidatedAccessToken? Token { get; }

    /// <summary>The RFC 6750 error code (<see cref="OAuthErrorCodes.InvalidToken"/>) when validation failed.</summary>
    public string? Error { get; }

    /// <summary>A short human reason for the failure, for logs and <c>error_description</c>.</summary>
    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Reason))]
    public bool Succeeded => Token is not null;

    public static TokenValidationOutcome Success(ValidatedAccessToken token) =>
        new(token ?? throw new ArgumentNullException(nameof(token)), null, null);

    public static TokenValidationOutcome Failure(string reason, string error = OAuthErrorCodes.InvalidToken) =>
        new(null, error, reason);

    public override string ToString() => Succeeded
        ? $"TokenValidationOutcome {{ Succeeded, PrincipalKey = {Token.PrincipalKey} }}"
        : $"TokenValidationOutcome {{ {Error}: {Reason} }}";
}
