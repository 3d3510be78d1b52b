using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The reasons a token is refused, as the caller sees them in <c>error_description</c> and operators in the log.
/// Microsoft.IdentityModel's exception messages are not passed on because they are long, change between versions
/// and may quote token content; values taken from the token are passed through <see cref="SafeText"/>.
/// </summary>
internal static class TokenFailureReasons
{
    public const string NoToken = "no token";
    public const string Malformed = "token is not a well-formed JWS compact JWT";
    public const string Encrypted = "encrypted tokens (JWE) are not accepted";
    public const string UntrustedIssuer = "issuer is not trusted";
    public const string HeaderNotObject = "token header is not a JSON object";
    public const string PayloadNotObject = "token payload is not a JSON object";
    public const string HeaderDuplicates = "token header has duplicate members";
    public const string PayloadDuplicates = "token payload has duplicate members";
    public const string NotSigned = "token is not signed";
    public const string NoKid = "token has no kid";
    public const string NoAlgorithm = "header parameter 'alg' must be a non-empty string";
    public const string KidNotString = "header parameter 'kid' must be a string";
    public const string KidTooLong = "header parameter 'kid' is longer than 256 characters";
    public const string CriticalHeader = "critical header parameters (crit) are not supported";
    public const string UnencodedPayload = "header parameter 'b64' is not accepted (unencoded payloads are not supported)";

    public static string AlgorithmNotAccepted(string? algorithm) => $"algorithm '{SafeText.Of(algorithm)}' is not accepted for this issuer";

    /// <summary>A header parameter that carries or points to a key (jku, jwk, x5u, x5c).</summary>
    public static string KeyHeaderRefused(string parameter) =>
        $"header parameter '{parameter}' is not accepted: signing keys come only from the server's configuration";

    public static string KeyNotPublished(string kid) => $"signing key '{SafeText.Of(kid)}' is not published by the issuer";

    /// <summary>A key the issuer publishes but this server does not use (weak, unsupported or inconsistent).</summary>
    public static string KeyRefused(string kid, string why) => $"signing key '{SafeText.Of(kid)}' is refused: {why}";

    /// <summary>A usable key of the wrong type, size or curve for the token's algorithm.</summary>
    public static string KeyCannotVerify(string kid, string algorithm, string mismatch) =>
        $"signing key '{SafeText.Of(kid)}' cannot verify {SafeText.Of(algorithm)}: {mismatch}";

    public static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "audience is not accepted",
        SecurityTokenInvalidIssuerException => UntrustedIssuer,
        SecurityTokenInvalidAlgorithmException => "algorithm is not accepted",
        SecurityTokenSignatureKeyNotFoundException => "signing key is not known",
        SecurityTokenInvalidSignatureException => "signature is invalid",
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => "token is invalid",
    };
}
