using System.Buffers.Text;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Testing.Oidc;
using QuiltMcp.Orleans.Testing.Tokens;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Hostile;

/// <summary>
/// The token part of the hostile corpus: tokens an attacker (or a broken issuer) sends, each with the exact reason
/// the validator must refuse it for. Every token is made by jose, or by Node's crypto where jose rightly refuses
/// (weak keys, wrong curves, alg "none"), from a valid token of the same issuer changed in one way, so the case
/// fails for its own reason and not for an accidental one (the valid originals are the positive controls).
/// </summary>
public static class HostileTokenCases
{
    private const string NotWellFormed = "token is not a well-formed JWS compact JWT";
    private const string UntrustedIssuer = "issuer is not trusted";
    private const string AudienceNotAccepted = "audience is not accepted";
    private const string KeyHeaderSuffix = "is not accepted: signing keys come only from the server's configuration";
    private const string NotANumericDate = "must be a number (NumericDate)";
    private const string OutsideNumericDateRange = "is outside the NumericDate range (1970 to 9999)";

    public static IReadOnlyList<HostileTokenCase> All { get; } =
    [
        .. FormCases(),
        .. AlgorithmCases(),
        .. KeyCases(),
        .. HeaderCases(),
        .. DuplicateMemberCases(),
        .. IssuerAndAudienceCases(),
        .. CognitoCases(),
        .. LifetimeCases(),
        .. ClaimTypeCases(),
    ];

    public static TheoryData<string> Names => new(All.Select(hostile => hostile.Name));

    public static HostileTokenCase Find(string name) => All.Single(hostile => hostile.Name == name);

    private static IEnumerable<HostileTokenCase> FormCases()
    {
        yield return new("form: two parts", NotWellFormed, async (f, now) =>
            string.Join('.', Parts(await Rs256(f, f.OidcPayload(now)))[..2]));
        yield return new("form: four parts", NotWellFormed, async (f, now) =>
            await Rs256(f, f.OidcPayload(now)) + ".e30");
        yield return new("form: five parts that are not a JWE", NotWellFormed, async (f, now) =>
            await Rs256(f, f.OidcPayload(now)) + ".e30.e30");
        yield return new("form: JWE made by jose (RSA-OAEP-256, A256GCM)", "encrypted tokens (JWE) are not accepted", (f, now) =>
            f.Jose.EncryptAsync("rsa-2048", f.OidcPayload(now).ToJsonString()));
        yield return new("form: signature in standard base64 with padding", NotWellFormed, async (f, now) =>
        {
            var parts = Parts(await Rs256(f, f.OidcPayload(now)));
            return $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(Base64Url.DecodeFromChars(parts[2]))}";
        });
        yield return new("form: '+' (standard base64 alphabet) in the header", NotWellFormed, async (f, now) =>
        {
            var token = await Rs256(f, f.OidcPayload(now));
            return "+" + token[1..];
        });
        yield return new("form: whitespace inside the payload", NotWellFormed, async (f, now) =>
        {
            var parts = Parts(await Rs256(f, f.OidcPayload(now)));
            return $"{parts[0]}.{parts[1][..8]} {parts[1][8..]}.{parts[2]}";
        });
        yield return new("form: signature with non-zero spare bits (same bytes, other spelling)", NotWellFormed, async (f, now) =>
        {
            var parts = Parts(await Rs256(f, f.OidcPayload(now)));
            return $"{parts[0]}.{parts[1]}.{FlipSpareBit(parts[2])}";
        });
        yield return new("form: oversize (17 KB payload)", "token is larger than 16384 bytes", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "pad", new string('p', 17_000))));
        yield return new("form: signature stripped", "token is not signed", async (f, now) =>
        {
            var parts = Parts(await Rs256(f, f.OidcPayload(now)));
            return $"{parts[0]}.{parts[1]}.";
        });
        yield return new("form: signature of another token", "signature is invalid", async (f, now) =>
        {
            var genuine = Parts(await Rs256(f, f.OidcPayload(now, subject: "alice")));
            var forged = Parts(await Rs256(f, f.OidcPayload(now, subject: "mallory")));
            return $"{forged[0]}.{forged[1]}.{genuine[2]}";
        });
        yield return new("form: payload is not JSON", "token payload is not a JSON object", (f, _) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = Header("RS256", "rsa-2048"), PayloadText = "not json", Kid = "rsa-2048" }));
        yield return new("form: payload is a JSON array", "token payload is not a JSON object", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = Header("RS256", "rsa-2048"),
                PayloadText = $"[{f.OidcPayload(now).ToJsonString()}]",
                Kid = "rsa-2048",
            }));
        yield return new("form: header is a JSON string", "token header is not a JSON object", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                HeaderText = "\"RS256\"",
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                SignAs = "RS256",
                UseNodeCrypto = true,
            }));
    }

    private static IEnumerable<HostileTokenCase> AlgorithmCases()
    {
        yield return new("alg: none for an OIDC issuer", "algorithm 'none' is not accepted for this issuer", (f, now) =>
            Unsigned(f, "none", "rsa-2048", f.OidcPayload(now)));
        yield return new("alg: None for the Quilt issuer", "algorithm 'None' is not accepted for this issuer", (f, now) =>
            Unsigned(f, "None", JoseTokenFixture.QuiltKid, f.QuiltPayload(now)));
        yield return new("alg: NONE for the Quilt issuer", "algorithm 'NONE' is not accepted for this issuer", (f, now) =>
            Unsigned(f, "NONE", JoseTokenFixture.QuiltKid, f.QuiltPayload(now)));
        foreach (var format in Enum.GetValues<JosePublicKeyFormat>())
        {
            yield return new(
                $"alg: HS256 keyed with the issuer's RSA public key ({format})",
                "algorithm 'HS256' is not accepted for this issuer",
                async (f, now) => await f.Jose.SignAsync(new JoseSignRequest
                {
                    Header = Header("HS256", "rsa-2048"),
                    Payload = f.OidcPayload(now),
                    Secret = await f.Jose.ExportPublicKeyAsync("rsa-2048", format),
                }));
        }

        yield return new("alg: HS256 for an RS256/ES256 issuer, with a secret of its own", "algorithm 'HS256' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = Header("HS256", "rsa-2048"),
                Payload = f.OidcPayload(now),
                Secret = "an-attacker-chosen-secret-of-32-bytes!!"u8.ToArray(),
            }));
        yield return new("alg: RS256 for the HS256-only Quilt issuer", "algorithm 'RS256' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = Header("RS256", JoseTokenFixture.QuiltKid), Payload = f.QuiltPayload(now), Kid = "rsa-2048" }));
        yield return new("alg: ES256 for the HS256-only Quilt issuer", "algorithm 'ES256' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = Header("ES256", JoseTokenFixture.QuiltKid), Payload = f.QuiltPayload(now), Kid = "ec-p256" }));
        yield return new("alg: ES384 (valid P-384 signature) for an RS256/ES256 issuer", "algorithm 'ES384' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync("ES384", "ec-p384", f.OidcPayload(now)));
        yield return new("alg: PS256 for an RS256/ES256 issuer", "algorithm 'PS256' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync("PS256", "rsa-2048", f.OidcPayload(now)));
        yield return new("alg: HS256 with the Quilt secret, claiming the Cognito issuer", "algorithm 'HS256' is not accepted for this issuer", (f, now) =>
            f.Jose.SignAsync("HS256", JoseTokenFixture.QuiltKid, f.CognitoAccessPayload(now)));
    }

    private static IEnumerable<HostileTokenCase> KeyCases()
    {
        yield return new(
            "key: ES256 signed with the issuer's P-384 key",
            "signing key 'ec-p384' cannot verify ES256: it is an EC key on P-384; ES256 needs an EC key on P-256",
            (f, now) => Raw(f, "ES256", "ec-p384", f.OidcPayload(now)));
        yield return new(
            "key: ES256 signed with the issuer's P-521 key",
            "signing key 'ec-p521' cannot verify ES256: it is an EC key on P-521; ES256 needs an EC key on P-256",
            (f, now) => Raw(f, "ES256", "ec-p521", f.OidcPayload(now)));
        yield return new(
            "key: RS256 signed with the issuer's 1024-bit RSA key",
            "signing key 'rsa-1024' is refused: it is an RSA key of 1024 bits; RSA keys need at least 2048 bits",
            (f, now) => Raw(f, "RS256", "rsa-1024", f.OidcPayload(now)));
        yield return new(
            "key: RS256 signed with the issuer's 1536-bit RSA key",
            "signing key 'rsa-1536' is refused: it is an RSA key of 1536 bits; RSA keys need at least 2048 bits",
            (f, now) => Raw(f, "RS256", "rsa-1536", f.OidcPayload(now)));
        yield return new(
            "key: RS256 naming the issuer's EC key",
            "signing key 'ec-p256' cannot verify RS256: it is an EC key on P-256; RS256 needs an RSA key of at least 2048 bits",
            (f, now) => f.Jose.SignAsync(new JoseSignRequest { Header = Header("RS256", "ec-p256"), Payload = f.OidcPayload(now), Kid = "rsa-2048" }));
        yield return new(
            "key: ES256 naming the issuer's RSA key",
            "signing key 'rsa-2048' cannot verify ES256: it is an RSA key of 2048 bits; ES256 needs an EC key on P-256",
            (f, now) => f.Jose.SignAsync(new JoseSignRequest { Header = Header("ES256", "rsa-2048"), Payload = f.OidcPayload(now), Kid = "ec-p256" }));
        yield return new("kid: missing for an OIDC issuer", "token has no kid", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = new JsonObject { ["alg"] = "RS256" }, Payload = f.OidcPayload(now), Kid = "rsa-2048" }));
        yield return new("kid: unknown", "signing key 'no-such-key' is not published by the issuer", (f, now) =>
            KidInjection(f, "no-such-key", f.OidcPayload(now)));
        yield return new("kid: path traversal", "signing key '../../../../etc/passwd' is not published by the issuer", (f, now) =>
            KidInjection(f, "../../../../etc/passwd", f.OidcPayload(now)));
        yield return new("kid: SQL injection", "signing key '??OR??1???1' is not published by the issuer", (f, now) =>
            KidInjection(f, "' OR '1'='1", f.OidcPayload(now)));
        yield return new("kid: CR LF header injection", "signing key 'k??X-Injected:?1' is not published by the issuer", (f, now) =>
            KidInjection(f, "k\r\nX-Injected: 1", f.OidcPayload(now)));
        yield return new("kid: 257 characters", "header parameter 'kid' is longer than 256 characters", (f, now) =>
            KidInjection(f, new string('k', 257), f.OidcPayload(now)));
        yield return new("kid: a number", "header parameter 'kid' must be a string", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["alg"] = "RS256", ["kid"] = 2048 },
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
            }));
        yield return new("kid: unknown to the Quilt issuer", "signing key 'k-unknown' is not known", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = Header("HS256", "k-unknown"), Payload = f.QuiltPayload(now), Kid = JoseTokenFixture.QuiltKid }));
        yield return new("kid: another trusted issuer's key for a Cognito token", "signing key 'rsa-2048' is not published by the issuer", (f, now) =>
            f.Jose.SignAsync("RS256", "rsa-2048", f.CognitoAccessPayload(now)));
        yield return new("key: the attacker's key under the issuer's kid", "signature is invalid", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest { Header = Header("RS256", "rsa-2048"), Payload = f.OidcPayload(now), Kid = "attacker-rsa" }));
    }

    private static IEnumerable<HostileTokenCase> HeaderCases()
    {
        yield return new("header: jku to the attacker's JWKS, genuine signature", $"header parameter 'jku' {KeyHeaderSuffix}", (f, now) =>
            WithHeader(f, "rsa-2048", "rsa-2048", f.OidcPayload(now), "jku", f.Bait.JwksUrl));
        yield return new("header: jku to the attacker's JWKS, attacker's signature", $"header parameter 'jku' {KeyHeaderSuffix}", (f, now) =>
            WithHeader(f, "attacker-rsa", "attacker-rsa", f.OidcPayload(now), "jku", f.Bait.JwksUrl));
        yield return new("header: x5u to an attacker URL", $"header parameter 'x5u' {KeyHeaderSuffix}", (f, now) =>
            WithHeader(f, "attacker-rsa", "attacker-rsa", f.OidcPayload(now), "x5u", f.Bait.UnrelatedUrl));
        yield return new("header: jwk embedding the attacker's key under the issuer's kid", $"header parameter 'jwk' {KeyHeaderSuffix}", (f, now) =>
            WithHeader(f, "attacker-rsa", "rsa-2048", f.OidcPayload(now), "jwk", f.AttackerJwk.DeepClone()));
        yield return new("header: x5c with a certificate chain", $"header parameter 'x5c' {KeyHeaderSuffix}", (f, now) =>
            WithHeader(f, "attacker-rsa", "rsa-2048", f.OidcPayload(now), "x5c", new JsonArray(Convert.ToBase64String(LoopbackCertificate.Certificate.RawData))));
        yield return new("header: crit naming an unknown extension", "critical header parameters (crit) are not supported", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["alg"] = "RS256", ["kid"] = "rsa-2048", ["crit"] = new JsonArray("exp"), ["exp"] = 1 },
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                UseNodeCrypto = true,
            }));
        yield return new("header: b64=false with crit, made by jose (RFC 7797)", "critical header parameters (crit) are not supported", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["alg"] = "HS256", ["kid"] = JoseTokenFixture.QuiltKid, ["b64"] = false, ["crit"] = new JsonArray("b64") },
                PayloadText = f.QuiltPayload(now).ToJsonString(),
                Kid = JoseTokenFixture.QuiltKid,
            }));
        yield return new("header: b64=false without crit", "header parameter 'b64' is not accepted (unencoded payloads are not supported)", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["alg"] = "HS256", ["kid"] = JoseTokenFixture.QuiltKid, ["b64"] = false },
                Payload = f.QuiltPayload(now),
                Kid = JoseTokenFixture.QuiltKid,
                UseNodeCrypto = true,
            }));
        yield return new("header: no alg", "header parameter 'alg' must be a non-empty string", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["kid"] = "rsa-2048" },
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                SignAs = "RS256",
                UseNodeCrypto = true,
            }));
        yield return new("header: alg is a number", "header parameter 'alg' must be a non-empty string", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                Header = new JsonObject { ["alg"] = 256, ["kid"] = "rsa-2048" },
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                SignAs = "RS256",
                UseNodeCrypto = true,
            }));
    }

    private static IEnumerable<HostileTokenCase> DuplicateMemberCases()
    {
        yield return new("duplicate: alg twice in the header (RS256, then none)", "token header has duplicate members", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                HeaderText = """{"alg":"RS256","kid":"rsa-2048","alg":"none"}""",
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                SignAs = "RS256",
                UseNodeCrypto = true,
            }));
        yield return new("duplicate: kid twice in the header, one escaped", "token header has duplicate members", (f, now) =>
            f.Jose.SignAsync(new JoseSignRequest
            {
                HeaderText = """{"alg":"RS256","kid":"rsa-2048","\u006bid":"attacker-rsa"}""",
                Payload = f.OidcPayload(now),
                Kid = "rsa-2048",
                UseNodeCrypto = true,
            }));
        yield return new("duplicate: sub twice in the payload", "token payload has duplicate members", (f, now) =>
            SignText(f, "RS256", "rsa-2048", WithRawMember(f.OidcPayload(now, subject: "alice"), "\"sub\":\"admin\"")));
        yield return new("duplicate: iss twice in the payload", "token payload has duplicate members", (f, now) =>
            SignText(f, "RS256", "rsa-2048", WithRawMember(f.OidcPayload(now), "\"iss\":\"https://evil.example\"")));
        yield return new("duplicate: a bucket group twice inside the Quilt buckets claim", "token payload has duplicate members", (f, now) =>
            SignText(f, "HS256", JoseTokenFixture.QuiltKid, WithRawMember(
                f.QuiltPayload(now), "\"buckets\":{\"_type\":\"groups\",\"_data\":{\"team\":[\"a\"],\"team\":[\"b\"]}}")));
    }

    private static IEnumerable<HostileTokenCase> IssuerAndAudienceCases()
    {
        yield return new("iss: an issuer nobody trusts", UntrustedIssuer, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iss", "https://evil.example/oidc")));
        yield return new("iss: the issuer with a trailing slash", UntrustedIssuer, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iss", f.Oidc.Issuer + "/")));
        yield return new("iss: the issuer in upper case", UntrustedIssuer, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iss", f.Oidc.Issuer.ToUpperInvariant())));
        yield return new("iss: missing", UntrustedIssuer, (f, now) =>
            Rs256(f, Without(f.OidcPayload(now), "iss")));
        yield return new("iss: a list holding the issuer", "claim 'iss' must be a string", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iss", new JsonArray(f.Oidc.Issuer))));
        yield return new("iss: null", "claim 'iss' must be a string", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iss", null)));
        yield return new("aud: another audience", AudienceNotAccepted, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "aud", "another-service")));
        yield return new("aud: missing", AudienceNotAccepted, (f, now) =>
            Rs256(f, Without(f.OidcPayload(now), "aud")));
        yield return new("aud: empty list", AudienceNotAccepted, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "aud", new JsonArray())));
        yield return new("aud: a number", "claim 'aud' must be a string or a list of strings", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "aud", 42)));
        yield return new("aud: a list holding the audience and a number", "claim 'aud' must be a string or a list of strings", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "aud", new JsonArray(JoseTokenFixture.OidcAudience, 1))));
        yield return new("aud: the Quilt audience on an OIDC token", AudienceNotAccepted, (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "aud", "quilt-mcp-server")));
    }

    private static IEnumerable<HostileTokenCase> CognitoCases()
    {
        yield return new("cognito: ID token where only access tokens are accepted", "token_use 'id' is not accepted for this issuer", (f, now) =>
        {
            var payload = With(f.CognitoAccessPayload(now), "token_use", "id");
            payload.Remove("client_id");
            payload["aud"] = JoseTokenFixture.CognitoClientId;
            return CognitoRs256(f, payload);
        });
        yield return new("cognito: access token for another app client", "client_id is not an accepted audience", (f, now) =>
            CognitoRs256(f, With(f.CognitoAccessPayload(now), "client_id", "someone-elses-client")));
        yield return new("cognito: access token without client_id", "client_id is not an accepted audience", (f, now) =>
            CognitoRs256(f, Without(f.CognitoAccessPayload(now), "client_id")));
        yield return new("cognito: access token whose aud names our client but client_id another", "client_id is not an accepted audience", (f, now) =>
            CognitoRs256(f, With(With(f.CognitoAccessPayload(now), "client_id", "someone-elses-client"), "aud", JoseTokenFixture.CognitoClientId)));
        yield return new("cognito: token without token_use", "token has no token_use claim", (f, now) =>
            CognitoRs256(f, Without(f.CognitoAccessPayload(now), "token_use")));
        yield return new("cognito: token_use is a list", "claim 'token_use' must be a string", (f, now) =>
            CognitoRs256(f, With(f.CognitoAccessPayload(now), "token_use", new JsonArray("access"))));
        yield return new("cognito: client_id is a number", "claim 'client_id' must be a string", (f, now) =>
            CognitoRs256(f, With(f.CognitoAccessPayload(now), "client_id", 12345)));
    }

    private static IEnumerable<HostileTokenCase> LifetimeCases()
    {
        yield return new("lifetime: expired two hours ago", "token has expired", (f, now) =>
            Rs256(f, Times(f.OidcPayload(now), now.AddHours(-3), now.AddHours(-2))));
        yield return new("lifetime: nbf in ten minutes", "token is not yet valid", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "nbf", now.AddMinutes(10).ToUnixTimeSeconds())));
        yield return new("lifetime: no exp", "token has no expiry (exp)", (f, now) =>
            Rs256(f, Without(f.OidcPayload(now), "exp")));
        yield return new("lifetime: nbf after exp", "token lifetime is invalid (nbf after exp)", (f, now) =>
            Rs256(f, Times(f.OidcPayload(now), now.AddHours(2), now.AddHours(1))));
        yield return new("lifetime: exp as a numeric string", $"claim 'exp' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        yield return new("lifetime: exp true", $"claim 'exp' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", true)));
        yield return new("lifetime: exp null", $"claim 'exp' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", null)));
        yield return new("lifetime: exp a list", $"claim 'exp' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", new JsonArray(now.AddHours(1).ToUnixTimeSeconds()))));
        yield return new("lifetime: exp an object", $"claim 'exp' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", new JsonObject { ["$date"] = now.AddHours(1).ToUnixTimeSeconds() })));
        yield return new("lifetime: nbf as a numeric string", $"claim 'nbf' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "nbf", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        yield return new("lifetime: nbf false", $"claim 'nbf' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "nbf", false)));
        yield return new("lifetime: iat as a string", $"claim 'iat' {NotANumericDate}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "iat", "now")));
        yield return new("lifetime: exp 1e20", $"claim 'exp' {OutsideNumericDateRange}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", 1e20)));
        yield return new("lifetime: exp 1e400 (beyond a double)", $"claim 'exp' {OutsideNumericDateRange}", (f, now) =>
            SignText(f, "RS256", "rsa-2048", WithRawMember(Without(f.OidcPayload(now), "exp"), "\"exp\":1e400")));
        yield return new("lifetime: exp the last second .NET can represent", $"claim 'exp' {OutsideNumericDateRange}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", 253402300799)));
        yield return new("lifetime: exp negative", $"claim 'exp' {OutsideNumericDateRange}", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "exp", -1)));
        yield return new("lifetime: iat 2^63", $"claim 'iat' {OutsideNumericDateRange}", (f, now) =>
            SignText(f, "RS256", "rsa-2048", WithRawMember(Without(f.OidcPayload(now), "iat"), "\"iat\":9223372036854775808")));
    }

    private static IEnumerable<HostileTokenCase> ClaimTypeCases()
    {
        yield return new("claims: sub a number", "claim 'sub' must be a string", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "sub", 1001)));
        yield return new("claims: sub empty", "claim 'sub' is missing or not a non-empty string", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "sub", "")));
        yield return new("claims: sub missing", "claim 'sub' is missing or not a non-empty string", (f, now) =>
            Rs256(f, Without(f.OidcPayload(now), "sub")));
        yield return new("claims: scope a number", "claim 'scope' must be a space-separated string or a list of strings", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "scope", 7)));
        yield return new("claims: scope an object", "claim 'scope' must be a space-separated string or a list of strings", (f, now) =>
            Rs256(f, With(f.OidcPayload(now), "scope", new JsonObject { ["quilt:admin"] = true })));
        yield return new("claims: Quilt buckets a string", "claim 'buckets' must be a list of buckets or a {_type, _data} object", (f, now) =>
            Hs256(f, With(f.QuiltPayload(now), "buckets", "bar-bucket")));
        yield return new("claims: Quilt compressed b a number", "claim 'b' must be a list of buckets or a {_type, _data} object", (f, now) =>
            Hs256(f, With(f.QuiltPayload(now), "b", 3)));
        yield return new("claims: Quilt permissions an object", "claim 'permissions' must be a list of strings", (f, now) =>
            Hs256(f, With(f.QuiltPayload(now), "permissions", new JsonObject { ["s3:GetObject"] = true })));
        yield return new("claims: Quilt roles holding a number", "claim 'roles' must contain only strings", (f, now) =>
            Hs256(f, With(f.QuiltPayload(now), "roles", new JsonArray("ReadQuiltV2", 7))));
        yield return new("claims: Quilt level a number", "claim 'level' must be a string", (f, now) =>
            Hs256(f, With(f.QuiltPayload(now), "level", 3)));
    }

    private static JsonObject Header(string alg, string kid) => new() { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };

    private static Task<string> Rs256(JoseTokenFixture f, JsonObject payload) => f.Jose.SignAsync("RS256", "rsa-2048", payload);

    private static Task<string> CognitoRs256(JoseTokenFixture f, JsonObject payload) => f.Jose.SignAsync("RS256", "cognito-rsa", payload);

    private static Task<string> Hs256(JoseTokenFixture f, JsonObject payload) => f.Jose.SignAsync("HS256", JoseTokenFixture.QuiltKid, payload);

    /// <summary>Signed by Node's crypto with the named key, for combinations jose refuses (weak keys, wrong curves).</summary>
    private static Task<string> Raw(JoseTokenFixture f, string alg, string kid, JsonObject payload) =>
        f.Jose.SignAsync(new JoseSignRequest { Header = Header(alg, kid), Payload = payload, Kid = kid, UseNodeCrypto = true });

    private static Task<string> Unsigned(JoseTokenFixture f, string alg, string kid, JsonObject payload) =>
        f.Jose.SignAsync(new JoseSignRequest { Header = Header(alg, kid), Payload = payload, UseNodeCrypto = true });

    /// <summary>A genuine RS256 signature by the issuer's own key, under a kid an attacker chose.</summary>
    private static Task<string> KidInjection(JoseTokenFixture f, string kid, JsonObject payload) =>
        f.Jose.SignAsync(new JoseSignRequest { Header = Header("RS256", kid), Payload = payload, Kid = "rsa-2048" });

    private static Task<string> WithHeader(JoseTokenFixture f, string signingKid, string headerKid, JsonObject payload, string name, JsonNode value)
    {
        var header = Header("RS256", headerKid);
        header[name] = value;
        return f.Jose.SignAsync(new JoseSignRequest { Header = header, Payload = payload, Kid = signingKid });
    }

    private static Task<string> SignText(JoseTokenFixture f, string alg, string kid, string payloadText) =>
        f.Jose.SignAsync(new JoseSignRequest { Header = Header(alg, kid), PayloadText = payloadText, Kid = kid });

    private static JsonObject With(JsonObject payload, string name, JsonNode? value)
    {
        payload[name] = value;
        return payload;
    }

    private static JsonObject Without(JsonObject payload, string name)
    {
        payload.Remove(name);
        return payload;
    }

    private static JsonObject Times(JsonObject payload, DateTimeOffset notBefore, DateTimeOffset expires)
    {
        payload["iat"] = notBefore.ToUnixTimeSeconds();
        payload["nbf"] = notBefore.ToUnixTimeSeconds();
        payload["exp"] = expires.ToUnixTimeSeconds();
        return payload;
    }

    /// <summary>The payload's JSON with one more member written verbatim (duplicates, numbers no serializer writes).</summary>
    private static string WithRawMember(JsonObject payload, string member) => payload.ToJsonString()[..^1] + "," + member + "}";

    private static string[] Parts(string token) => token.Split('.');

    /// <summary>
    /// Sets a spare low bit in the last base64url character: 256 signature bytes leave 4 unused bits there, so the
    /// text changes while a forgiving decoder still yields the same bytes.
    /// </summary>
    private static string FlipSpareBit(string part)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(part[^1], StringComparison.Ordinal);
        return part[..^1] + alphabet[last | 1];
    }
}
