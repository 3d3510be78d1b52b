using System.Text;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Refuses auth settings that would let the server start insecure or unable to authenticate anyone. Each
/// message names the setting (and its legacy environment variable where there is one).
/// </summary>
/// <param name="isProduction">
/// True wherever real users and data are reachable. The DI registration passes "not Development", so a
/// staging environment gets the production rules too.
/// </param>
public sealed class AuthOptionsValidator(bool isProduction) : IValidateOptions<AuthOptions>
{
    /// <summary>HS256 keys shorter than the hash output weaken the MAC (RFC 7518 §3.2 requires at least 256 bits).</summary>
    public const int MinimumProductionSecretBytes = 32;

    /// <summary>Microsoft.IdentityModel itself refuses HMAC keys below 128 bits; failing here is clearer.</summary>
    public const int MinimumSecretBytes = 16;

    private const string SecretSetting = "Auth:Quilt:Secret (MCP_ENHANCED_JWT_SECRET)";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        ValidateLimits(options, failures);
        ValidateQuilt(options.Quilt, failures);
        ValidateOidcIssuers(options, failures);

        if (!options.Quilt.Enabled && options.OidcIssuers.Count == 0 && !options.AllowAnonymous)
        {
            failures.Add("Auth: no token issuer is trusted; enable Auth:Quilt or configure Auth:OidcIssuers.");
        }

        if (isProduction && options.AllowAnonymous)
        {
            failures.Add("Auth:AllowAnonymous must be false outside Development.");
        }

        if (isProduction && !options.RequireHttpsMetadata)
        {
            failures.Add("Auth:RequireHttpsMetadata must be true outside Development.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLimits(AuthOptions options, List<string> failures)
    {
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Auth:ClockSkew {options.ClockSkew} is outside 0-5 minutes.");
        }

        if (options.MaxTokenBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add($"Auth:MaxTokenBytes {options.MaxTokenBytes} is outside 1024-1048576.");
        }

        if (options.JwksCacheDuration < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Auth:JwksCacheDuration {options.JwksCacheDuration} is shorter than 1 minute.");
        }

        if (options.JwksMinimumRefetchInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Auth:JwksMinimumRefetchInterval {options.JwksMinimumRefetchInterval} is shorter than 1 second.");
        }

        if (options.MetadataTimeout <= TimeSpan.Zero || options.MetadataTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Auth:MetadataTimeout {options.MetadataTimeout} is outside (0, 1 minute].");
        }
    }

    private void ValidateQuilt(QuiltTokenOptions quilt, List<string> failures)
    {
        if (!quilt.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(quilt.Issuer))
        {
            failures.Add("Auth:Quilt:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(quilt.Audience))
        {
            failures.Add("Auth:Quilt:Audience must not be empty.");
        }

        var keys = quilt.EffectiveKeys;
        if (keys.Count == 0)
        {
            // A newcomer running a published binary lands here (it runs in Production): say how to try it locally.
            failures.Add($"{SecretSetting} is missing: Quilt catalog tokens are enabled (Auth:Quilt:Enabled) "
                + "but no signing secret is configured (or set Auth:Quilt:Keys)."
                + (isProduction
                    ? " Only the Development environment has a built-in development key: to try the server locally, run "
                        + "it (and quilt-mcp token) with --environment Development or DOTNET_ENVIRONMENT=Development."
                    : ""));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < keys.Count; index++)
        {
            var key = keys[index];
            var setting = index < quilt.Keys.Count ? $"Auth:Quilt:Keys:{index}" : SecretSetting;
            if (string.IsNullOrWhiteSpace(key.Kid))
            {
                failures.Add($"{setting}: Kid must not be empty.");
            }
            else if (!seen.Add(key.Kid))
            {
                failures.Add($"{setting}: Kid '{key.Kid}' is configured twice (Auth:Quilt:Keys / MCP_ENHANCED_JWT_KID).");
            }

            ValidateSecret(setting, key.Secret, failures);
        }
    }

    private void ValidateSecret(string setting, string secret, List<string> failures)
    {
        var length = Encoding.UTF8.GetByteCount(secret ?? "");
        if (length == 0)
        {
            failures.Add($"{setting}: the secret is empty.");
            return;
        }

        if (length < MinimumSecretBytes)
        {
            failures.Add($"{setting}: the secret is {length} bytes; at least {MinimumSecretBytes} are required.");
        }
        else if (isProduction && length < MinimumProductionSecretBytes)
        {
            failures.Add($"{setting}: the secret is {length} bytes; outside Development at least "
                + $"{MinimumProductionSecretBytes} are required.");
        }

        if (isProduction && string.Equals(secret, QuiltTokenDefaults.DevelopmentSecret, StringComparison.Ordinal))
        {
            failures.Add($"{setting}: the well-known development secret is not allowed outside Development; "
                + "inject the real secret from Secrets Manager.");
        }
    }

    private void ValidateOidcIssuers(AuthOptions options, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.OidcIssuers.Count; index++)
        {
            var issuer = options.OidcIssuers[index];
            var setting = $"Auth:OidcIssuers:{index}";
            if (!IsHttpUrl(issuer.Issuer, options.RequireHttpsMetadata))
            {
                failures.Add($"{setting}:Issuer '{issuer.Issuer}' is not an absolute "
                    + (options.RequireHttpsMetadata ? "https" : "http(s)") + " URL.");
            }
            else if (!seen.Add(issuer.Issuer))
            {
                failures.Add($"{setting}:Issuer '{issuer.Issuer}' is configured twice.");
            }

            if (options.Quilt.Enabled && string.Equals(issuer.Issuer, options.Quilt.Issuer, StringComparison.Ordinal))
            {
                failures.Add($"{setting}:Issuer '{issuer.Issuer}' is also Auth:Quilt:Issuer; an issuer has one key family.");
            }

            if (!string.IsNullOrWhiteSpace(issuer.MetadataAddress) && !IsHttpUrl(issuer.MetadataAddress, options.RequireHttpsMetadata))
            {
                failures.Add($"{setting}:MetadataAddress '{issuer.MetadataAddress}' is not an absolute "
                    + (options.RequireHttpsMetadata ? "https" : "http(s)") + " URL.");
            }

            if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{setting}:Audiences must list at least one audience (app client id), none empty.");
            }

            foreach (var use in issuer.TokenUses.Where(use => !CognitoTokenUses.IsKnown(use)))
            {
                failures.Add($"{setting}:TokenUses '{use}' is not '{CognitoTokenUses.Access}' or '{CognitoTokenUses.Id}'.");
            }
        }
    }

    private static bool IsHttpUrl(string? value, bool requireHttps) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (!requireHttps && uri.Scheme == Uri.UriSchemeHttp));
}
