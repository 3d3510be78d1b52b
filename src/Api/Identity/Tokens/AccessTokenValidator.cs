using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Validates bearer JWTs against the configured issuers, refusing at the first failure: size; our own strict reading
/// of the form, header and claim types; issuer (which picks the key family); algorithm allow-list; signing key by
/// kid and its fit for the algorithm; signature and audience (Microsoft.IdentityModel); lifetime with skew; token
/// kind (Cognito); then the Quilt claims.
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
        // No size limit here: the handler is given tokens already read (a JsonWebToken, not a string), and its own
        // limit applies only to strings. Ours (MaxTokenBytes) is checked first, in ValidateCoreAsync.
        _handler = new JsonWebTokenHandler();
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

        // Our own strict reading comes first, so the library below only ever sees tokens whose form, header and
        // claim types we have already accepted, and every later check reads the same values.
        var compact = JwsCompactToken.TryRead(token, JoseHeaderRules.Check, out var formFailure);
        if (compact is null)
        {
            return Reject(formFailure, "form");
        }

        RegisteredClaims claims;
        try
        {
            claims = RegisteredClaims.Read(compact.Payload);
        }
        catch (InvalidClaimException exception)
        {
            return Reject(exception.Message, "claim types");
        }

        if (claims.Issuer is null || !_issuers.TryGetValue(claims.Issuer, out var issuer))
        {
            return Reject(TokenFailureReasons.UntrustedIssuer, $"claimed issuer '{SafeText.Of(claims.Issuer)}'");
        }

        var algorithm = compact.Header.GetProperty("alg").GetString()!;
        if (!issuer.Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return Reject(TokenFailureReasons.AlgorithmNotAccepted(algorithm), issuer.Kind.ToString());
        }

        if (!compact.IsSigned)
        {
            return Reject(TokenFailureReasons.NotSigned, issuer.Kind.ToString());
        }

        if (!TryReadForLibrary(token, out var jwt))
        {
            return Reject(TokenFailureReasons.Malformed, "library parse");
        }

        var keys = await issuer.FindSigningKeysAsync(jwt, cancellationToken);
        if (keys.FailureReason is not null)
        {
            return Reject(keys.FailureReason, issuer.Kind.ToString());
        }

        // Whatever the key's source, it must fit the algorithm (RSA >= 2048 bits, the curve ES* names).
        var fitting = keys.Keys.Where(key => AlgorithmKeyRequirements.Mismatch(key, algorithm) is null).ToArray();
        if (fitting.Length == 0)
        {
            // Keys are looked up by the token's kid, so that kid names the key that does not fit.
            return Reject(
                TokenFailureReasons.KeyCannotVerify(jwt.Kid, algorithm, AlgorithmKeyRequirements.Mismatch(keys.Keys[0], algorithm)!),
                issuer.Kind.ToString());
        }

        var result = await _handler.ValidateTokenAsync(jwt, CreateParameters(issuer, fitting));
        if (!result.IsValid)
        {
            // Stryker disable once String: a failed result always carries its exception; "unknown" only guards a library change.
            return Reject(TokenFailureReasons.Describe(result.Exception), result.Exception?.GetType().Name ?? "unknown");
        }

        if (TokenLifetimeCheck.Check(claims, _time.GetUtcNow(), _options.ClockSkew) is { } lifetimeRefusal)
        {
            return Reject(lifetimeRefusal, "lifetime");
        }

        if (issuer.CheckVerifiedToken(jwt) is { } refusal)
        {
            return Reject(refusal, issuer.Kind.ToString());
        }

        return Decode(compact.Payload, claims, issuer);
    }

    /// <summary>The library's view of a token that has already passed our own reading.</summary>
    private static bool TryReadForLibrary(string token, out JsonWebToken jwt)
    {
        try
        {
            jwt = new JsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            // The library reports every token it cannot read as an ArgumentException (SecurityTokenMalformedException
            // is one): a header parameter of the wrong type that our rules do not look at, such as "typ": 5.
            jwt = null!;
            return false;
        }
    }

    private TokenValidationParameters CreateParameters(TrustedIssuer issuer, IReadOnlyList<SecurityKey> keys)
    {
        var parameters = new TokenValidationParameters
        {
            // Our lookup chose the issuer by this token's own iss (read without duplicates), so the library's issuer
            // check cannot fail; it stays as a second lock.
            // Stryker disable once Boolean: equivalent, the issuer lookup above already decided.
            ValidateIssuer = true,
            ValidIssuer = issuer.Issuer,
            // Only the keys our own lookup chose are offered, so trying each of them is safe.
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = issuer.Algorithms,
            // Stryker disable once Boolean: equivalent, unsigned tokens were refused before (IsSigned); a second lock.
            RequireSignedTokens = true,
            // Lifetime is checked by TokenLifetimeCheck on our clock (see there why).
            ValidateLifetime = false,
            RequireAudience = true,
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };
        issuer.ConfigureAudience(parameters);
        return parameters;
    }

    private TokenValidationOutcome Decode(JsonElement payload, RegisteredClaims claims, TrustedIssuer issuer)
    {
        try
        {
            // The token may say when it was issued; when it does not, the moment we first saw it stands in.
            var principal = QuiltClaimsDecoder.Decode(payload, issuer.Issuer, claims.IssuedAt ?? _time.GetUtcNow());
            return TokenValidationOutcome.Success(new ValidatedAccessToken(
                principal,
                PrincipalKeys.ForToken(issuer.Issuer, principal.Subject),
                JsonClaimValues.ToDictionary(payload),
                issuer.Kind,
                claims.ExpiresAt!.Value));
        }
        catch (InvalidClaimException exception)
        {
            return Reject(exception.Message, "claims");
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
