namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>Auth log events. Arguments are reasons, issuers and counts: never a token, secret or credential.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Bearer token rejected: {Reason} ({Detail})")]
    public static partial void TokenRejected(this ILogger logger, string reason, string detail);

    // Only the exception type: a message could quote token content.
    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Bearer token validation failed unexpectedly ({ExceptionType}); the token was rejected")]
    public static partial void ValidationFailedUnexpectedly(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys of OIDC issuer {Issuer}")]
    public static partial void SigningKeysFetched(this ILogger logger, string issuer, int keyCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not fetch the signing keys of OIDC issuer {Issuer}; keeping {KeyCount} cached keys")]
    public static partial void SigningKeysFetchFailed(this ILogger logger, Exception exception, string issuer, int keyCount);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Signing keys of OIDC issuer {Issuer} not refetched: last fetch was less than {Interval} ago")]
    public static partial void SigningKeysRefetchSuppressed(this ILogger logger, string issuer, TimeSpan interval);

    // The kid and the reason (type, size or curve): never the key's parameters.
    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Signing key '{Kid}' of OIDC issuer {Issuer} is not used: {Reason}")]
    public static partial void SigningKeyRefused(this ILogger logger, string issuer, string kid, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Discovery document of {Issuer} names issuer {DocumentIssuer}; its keys are not used")]
    public static partial void DiscoveryIssuerMismatch(this ILogger logger, string issuer, string documentIssuer);
}
