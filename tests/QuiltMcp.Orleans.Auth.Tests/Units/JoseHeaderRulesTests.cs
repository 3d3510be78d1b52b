using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>The protected header, judged on its own: each rule refuses with its own reason, in the documented order.</summary>
public sealed class JoseHeaderRulesTests
{
    public static TheoryData<string, string> RefusedHeaders() => new()
    {
        { """{"typ": "JWT"}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": ""}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": null}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": 256}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": ["HS256"]}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": "HS256", "crit": ["exp"]}""", TokenFailureReasons.CriticalHeader },
        { """{"alg": "HS256", "crit": []}""", TokenFailureReasons.CriticalHeader },
        { """{"alg": "HS256", "b64": false}""", TokenFailureReasons.UnencodedPayload },
        { """{"alg": "HS256", "b64": true}""", TokenFailureReasons.UnencodedPayload },
        { """{"alg": "RS256", "jku": "https://attacker.example/jwks"}""", TokenFailureReasons.KeyHeaderRefused("jku") },
        { """{"alg": "RS256", "jwk": {"kty": "oct", "k": "AA"}}""", TokenFailureReasons.KeyHeaderRefused("jwk") },
        { """{"alg": "RS256", "x5u": "https://attacker.example/cert"}""", TokenFailureReasons.KeyHeaderRefused("x5u") },
        { """{"alg": "RS256", "x5c": ["MIIB"]}""", TokenFailureReasons.KeyHeaderRefused("x5c") },
        { """{"alg": "RS256", "x5c": null}""", TokenFailureReasons.KeyHeaderRefused("x5c") },
        { """{"alg": "RS256", "kid": 7}""", TokenFailureReasons.KidNotString },
        { """{"alg": "RS256", "kid": null}""", TokenFailureReasons.KidNotString },
        { $$"""{"alg": "RS256", "kid": "{{new string('k', JoseHeaderRules.MaxKidLength + 1)}}"}""", TokenFailureReasons.KidTooLong },
        // The order: alg first, then crit, b64, key parameters, kid.
        { """{"crit": ["b64"], "b64": false}""", TokenFailureReasons.NoAlgorithm },
        { """{"alg": "HS256", "b64": false, "crit": ["b64"]}""", TokenFailureReasons.CriticalHeader },
        { """{"alg": "HS256", "jku": "https://attacker.example/jwks", "b64": false}""", TokenFailureReasons.UnencodedPayload },
        { """{"alg": "RS256", "kid": 7, "x5u": "https://attacker.example/cert"}""", TokenFailureReasons.KeyHeaderRefused("x5u") },
    };

    [Theory]
    [MemberData(nameof(RefusedHeaders))]
    public void A_refused_header_gets_its_own_reason(string header, string reason)
    {
        Assert.Equal(reason, JoseHeaderRules.Check(Json.Parse(header)));
    }

    public static TheoryData<string> AcceptedHeaders() => new()
    {
        """{"alg": "HS256"}""",
        """{"alg": "none"}""",
        """{"alg": "RS256", "typ": "at+jwt", "kid": ""}""",
        """{"alg": "RS256", "x5t": "thumb", "x5t#S256": "thumb256", "cty": "JWT"}""",
        $$"""{"alg": "RS256", "kid": "{{new string('k', JoseHeaderRules.MaxKidLength)}}"}""",
    };

    /// <remarks>alg values are judged later, per issuer; here only the header's shape counts.</remarks>
    [Theory]
    [MemberData(nameof(AcceptedHeaders))]
    public void Headers_with_only_what_we_implement_are_accepted(string header)
    {
        Assert.Null(JoseHeaderRules.Check(Json.Parse(header)));
    }
}
