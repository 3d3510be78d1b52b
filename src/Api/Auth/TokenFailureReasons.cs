using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Auth;

/// <summary>
/// Turns Microsoft.IdentityModel's validation exceptions into short reasons of our own; their messages are not
/// passed on because they are long, change between versions and may quote token content.
/// </summary>
internal static class TokenFailureReasons
{
    public const string NoToken = "no token";
    public const string Malformed = "token is not a well-formed JWS compact JWT";
    public const string Encrypted = "encrypted tokens (JWE) are not accepted";
    public const string UntrustedIssuer = "issuer is not trusted";

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
