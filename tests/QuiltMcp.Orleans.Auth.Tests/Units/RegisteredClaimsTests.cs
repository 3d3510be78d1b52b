using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>The claims that steer validation, read with their JSON types enforced and never coerced.</summary>
public sealed class RegisteredClaimsTests
{
    [Fact]
    public void Each_claim_is_read_from_its_own_member()
    {
        var claims = RegisteredClaims.Read(Json.Parse("""
            {"iss": "https://issuer.example", "sub": "alice", "aud": ["a", "b"], "token_use": "access", "client_id": "c",
             "exp": 1800000300, "nbf": 1800000200, "iat": 1800000100}
            """));

        Assert.Equal("https://issuer.example", claims.Issuer);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_300), claims.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_200), claims.NotBefore);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_100), claims.IssuedAt);
    }

    [Fact]
    public void Absent_claims_are_null_and_not_refused()
    {
        var claims = RegisteredClaims.Read(Json.Parse("{}"));

        Assert.Null(claims.Issuer);
        Assert.Null(claims.ExpiresAt);
        Assert.Null(claims.NotBefore);
        Assert.Null(claims.IssuedAt);
    }

    [Theory]
    [InlineData("iss", "42")]
    [InlineData("iss", "null")]
    [InlineData("iss", "[\"https://issuer.example\"]")]
    [InlineData("sub", "42")]
    [InlineData("sub", "{\"id\": \"alice\"}")]
    [InlineData("token_use", "true")]
    [InlineData("token_use", "[\"access\"]")]
    [InlineData("client_id", "7")]
    [InlineData("client_id", "null")]
    public void String_claims_of_another_type_are_refused_by_name(string claim, string json)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => RegisteredClaims.Read(Json.Parse($$"""{"{{claim}}": {{json}}}""")));

        Assert.Equal($"claim '{claim}' must be a string", refusal.Message);
    }

    [Theory]
    [InlineData("\"api\"")]
    [InlineData("[\"api\", \"other\"]")]
    [InlineData("[]")]
    public void Aud_is_a_string_or_a_list_of_strings(string json)
    {
        var claims = RegisteredClaims.Read(Json.Parse($$"""{"aud": {{json}}, "iss": "i"}"""));

        Assert.Equal("i", claims.Issuer);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"aud\": \"api\"}")]
    [InlineData("[\"api\", 42]")]
    [InlineData("[42, \"api\"]")]
    [InlineData("[[\"api\"]]")]
    public void Aud_of_any_other_shape_is_refused(string json)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => RegisteredClaims.Read(Json.Parse($$"""{"aud": {{json}}}""")));

        Assert.Equal("claim 'aud' must be a string or a list of strings", refusal.Message);
    }

    [Fact]
    public void A_wrongly_typed_time_claim_is_refused_by_its_own_name()
    {
        Assert.Equal("claim 'nbf' must be a number (NumericDate)",
            Assert.Throws<InvalidClaimException>(() => RegisteredClaims.Read(Json.Parse("""{"exp": 1, "nbf": "1", "iat": 1}"""))).Message);
        Assert.Equal("claim 'iat' must be a number (NumericDate)",
            Assert.Throws<InvalidClaimException>(() => RegisteredClaims.Read(Json.Parse("""{"exp": 1, "nbf": 1, "iat": "1"}"""))).Message);
        Assert.Equal("claim 'exp' must be a number (NumericDate)",
            Assert.Throws<InvalidClaimException>(() => RegisteredClaims.Read(Json.Parse("""{"exp": "1", "nbf": 1, "iat": 1}"""))).Message);
    }
}
