using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>RFC 7519 NumericDate: a JSON number of seconds from 1970 to the end of 9999, nothing else, to the millisecond.</summary>
public sealed class NumericDateTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.9999", 1_700_000_000_999L)]
    [InlineData("1.0005", 1_000L)]
    [InlineData("1e3", 1_000_000L)]
    [InlineData("253402214400", 253_402_214_400_000L)]
    public void A_number_in_range_is_that_instant_rounded_down_to_the_millisecond(string json, long milliseconds)
    {
        var instant = NumericDate.Read(Json.Parse($$"""{"exp": {{json}}}"""), "exp");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), instant);
    }

    [Fact]
    public void An_absent_claim_is_null_and_JSON_null_is_a_wrong_type()
    {
        Assert.Null(NumericDate.Read(Json.Parse("""{"nbf": 1}"""), "exp"));

        var refusal = Assert.Throws<InvalidClaimException>(() => NumericDate.Read(Json.Parse("""{"exp": null}"""), "exp"));
        Assert.Equal("claim 'exp' must be a number (NumericDate)", refusal.Message);
    }

    [Theory]
    [InlineData("\"1700000000\"")]
    [InlineData("true")]
    [InlineData("[1700000000]")]
    [InlineData("{\"seconds\": 1700000000}")]
    public void Anything_but_a_number_is_refused_by_name(string json)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => NumericDate.Read(Json.Parse($$"""{"nbf": {{json}}}"""), "nbf"));

        Assert.Equal("claim 'nbf' must be a number (NumericDate)", refusal.Message);
    }

    [Theory]
    [InlineData("-0.001")]
    [InlineData("-1")]
    [InlineData("253402214400.001")]
    [InlineData("253402214401")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Numbers_outside_1970_to_9999_are_refused_by_name(string json)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => NumericDate.Read(Json.Parse($$"""{"iat": {{json}}}"""), "iat"));

        Assert.Equal("claim 'iat' is outside the NumericDate range (1970 to 9999)", refusal.Message);
    }
}
