using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Auth;

/// <summary>
/// Validates bearer JWTs against the configured issuers: size, form, issuer (which picks the key family),
/// algorithm allow-list, signing key by kid, signature, audience, lifetime with skew, then the Quilt claims.
/// </summary>
public sealed class AccessTokenValidator : IAccessTokenValidator
{
    /// <summary>The named HttpClient used for discovery and JWKS requests.</summary>
    public const string MetadataHttpClientName = "QuiltMcp.Auth.OidcMetadata";

    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, TrustedIssuer> _issuers;
    private readonly JsonWebTokenHandler _handler;

    public AccessTokenValidator(IOptions<AuthOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<AccessTokenValidator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = _options.MaxTokenBytes };
        _issuers = CreateIssuers(_options, httpClients, time, logger);
    }

    public async Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ValidateCoreAsync(token, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Fail closed: an unexpected error (a library or decoder bug) must deny, not surface as a 500 or allow.
            _logger.ValidationFailedUnexpectedly(exception.GetType().Name);
            return TokenValidationOutcome.Failure("token could not be validated");
        }
    }

    private async Task<TokenValidationOutcome> ValidateCoreAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Reject(TokenFailureReasons.NoToken, "empty");
        }

        // Checked before any parsing: JWS compact tokens are ASCII, so Length bounds the byte count from below.
        if (token.Length > _options.MaxTokenBytes || Encoding.UTF8.GetByteCount(token) > _options.MaxTokenBytes)
        {
            return Reject($"token is larger than {_options.MaxTokenBytes} bytes", "oversize");
        }

        if (!TryRead(token, out var jwt, out var issuer, out var readFailure, out var claimedIssuer))
        {
            return Reject(readFailure, $"pre-validation, claimed issuer '{SafeText.Of(claimedIssuer)}'");
        }

        if (!issuer.Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return Reject($"algorithm '{SafeText.Of(jwt.Alg)}' is not accepted for this issuer", issuer.Kind.ToString());
        }

        var keys = await issuer.FindSigningKeysAsync(jwt, cancellationToken);
        if (keys.FailureReason is not null)
        {
            return Reject(keys.FailureReason, issuer.Kind.ToString());
        }

        var result = await _handler.ValidateTokenAsync(jwt, CreateParameters(issuer, keys.Keys));
        if (!result.IsValid)
        {
            return Reject(TokenFailureReasons.Describe(result.Exception), result.Exception?.GetType().Name ?? "unknown");
        }

        if (TokenLifetimeCheck.Check(jwt, _time.GetUtcNow(), _options.ClockSkew) is { } lifetimeRefusal)
        {
            return Reject(lifetimeRefusal, "lifetime");
        }

        if (issuer.CheckVerifiedToken(jwt) is { } refusal)
        {
            return Reject(refusal, issuer.Kind.ToString());
        }

        return Decode(jwt, issuer);
    }

    /// <summary>Parses without trusting anything yet, to learn which issuer (and so which keys) to use.</summary>
    private bool TryRead(string token, out JsonWebToken jwt, out TrustedIssuer issuer, out string failure, out string? claimedIssuer)
    {
        jwt = null!;
        issuer = null!;
        claimedIssuer = null;
        try
        {
            jwt = new JsonWebToken(token);
            if (jwt.IsEncrypted)
            {
                failure = TokenFailureReasons.Encrypted;
                return false;
            }

            // RFC 7515 §4.1.11: extensions we do not implement must not be silently ignored.
            if (jwt.TryGetHeaderValue<object>("crit", out _))
            {
                failure = "critical header parameters (crit) are not supported";
                return false;
            }

            claimedIssuer = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Iss, out var iss) ? iss : null;
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or FormatException or SecurityTokenException)
        {
            // Untrusted input: any parse error is the caller's malformed token, not our failure.
            failure = TokenFailureReasons.Malformed;
            return false;
        }

        if (claimedIssuer is null || !_issuers.TryGetValue(claimedIssuer, out var trusted))
        {
            failure = TokenFailureReasons.UntrustedIssuer;
            return false;
        }

        issuer = trusted;
        failure = "";
        return true;
    }

    private TokenValidationParameters CreateParameters(TrustedIssuer issuer, IReadOnlyList<SecurityKey> keys)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer.Issuer,
            // Only the keys our own lookup chose are offered, so trying each of them is safe.
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = issuer.Algorithms,
            RequireSignedTokens = true,
            // Lifetime is checked by TokenLifetimeCheck on our clock (see there why).
            ValidateLifetime = false,
            RequireAudience = true,
            ValidateTokenReplay = false,
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };
        issuer.ConfigureAudience(parameters);
        return parameters;
    }

    private TokenValidationOutcome Decode(JsonWebToken jwt, TrustedIssuer issuer)
    {
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            var principal = QuiltClaimsDecoder.Decode(payload.RootElement, issuer.Issuer, _time.GetUtcNow());
            return TokenValidationOutcome.Success(new ValidatedAccessToken(
                principal,
                PrincipalKeys.ForToken(issuer.Issuer, principal.Subject),
                JsonClaimValues.ToDictionary(payload.RootElement),
                issuer.Kind,
                TokenLifetimeCheck.AsUtc(jwt.ValidTo)));
        }
        catch (InvalidClaimException exception)
        {
            return Reject(exception.Message, "claims");
        }
        catch (JsonException)
        {
            return Reject("token payload is not valid JSON", "claims");
        }
    }

    private TokenValidationOutcome Reject(string reason, string detail)
    {
        _logger.TokenRejected(reason, detail);
        return TokenValidationOutcome.Failure(reason);
    }

    private static Dictionary<string, TrustedIssuer> CreateIssuers(
        AuthOptions options, IHttpClientFactory httpClients, TimeProvider time, ILogger logger)
    {
        var issuers = new Dictionary<string, TrustedIssuer>(StringComparer.Ordinal);
        if (options.Quilt.Enabled)
        {
            issuers[options.Quilt.Issuer] = new QuiltTrustedIssuer(options.Quilt);
        }

        foreach (var oidc in options.OidcIssuers)
        {
            var cache = new OidcSigningKeyCache(oidc, options, () => httpClients.CreateClient(MetadataHttpClientName), time, logger);
            issuers[oidc.Issuer] = new OidcTrustedIssuer(oidc, cache);
        }

        return issuers;
    }
}
