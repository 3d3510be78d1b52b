using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>
/// Lifetime at its edges: a token expires at exp plus the skew (that instant included), is valid from nbf minus the
/// skew (that instant included), and nbf may equal exp but not follow it.
/// </summary>
public sealed class TokenLifetimeCheckTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Exp = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void A_token_expires_the_moment_exp_plus_the_skew_is_reached()
    {
        var claims = Claims(exp: Exp);

        Assert.Null(TokenLifetimeCheck.Check(claims, Exp + Skew - TimeSpan.FromMilliseconds(1), Skew));
        Assert.Equal(TokenLifetimeCheck.Expired, TokenLifetimeCheck.Check(claims, Exp + Skew, Skew));
        Assert.Equal(TokenLifetimeCheck.Expired, TokenLifetimeCheck.Check(claims, Exp + Skew + TimeSpan.FromDays(1), Skew));
    }

    [Fact]
    public void Without_skew_a_token_is_expired_at_exp()
    {
        var claims = Claims(exp: Exp);

        Assert.Null(TokenLifetimeCheck.Check(claims, Exp - TimeSpan.FromMilliseconds(1), TimeSpan.Zero));
        Assert.Equal(TokenLifetimeCheck.Expired, TokenLifetimeCheck.Check(claims, Exp, TimeSpan.Zero));
    }

    [Fact]
    public void A_token_becomes_valid_at_nbf_minus_the_skew()
    {
        var notBefore = Exp - TimeSpan.FromHours(1);
        var claims = Claims(exp: Exp, nbf: notBefore);

        Assert.Equal(TokenLifetimeCheck.NotYetValid, TokenLifetimeCheck.Check(claims, notBefore - Skew - TimeSpan.FromMilliseconds(1), Skew));
        Assert.Null(TokenLifetimeCheck.Check(claims, notBefore - Skew, Skew));
        Assert.Null(TokenLifetimeCheck.Check(claims, notBefore, Skew));
    }

    [Fact]
    public void Nbf_may_equal_exp_but_not_follow_it()
    {
        var now = Exp - TimeSpan.FromSeconds(30);

        Assert.Null(TokenLifetimeCheck.Check(Claims(exp: Exp, nbf: Exp), now, Skew));
        Assert.Equal(TokenLifetimeCheck.NotBeforeAfterExpiry, TokenLifetimeCheck.Check(Claims(exp: Exp, nbf: Exp + TimeSpan.FromSeconds(1)), now, Skew));
    }

    [Fact]
    public void Expiry_is_judged_before_nbf_and_a_missing_exp_before_anything()
    {
        Assert.Equal(TokenLifetimeCheck.NoExpiry, TokenLifetimeCheck.Check(Claims(exp: null, nbf: Exp), Exp, Skew));
        Assert.Equal(TokenLifetimeCheck.Expired, TokenLifetimeCheck.Check(Claims(exp: Exp, nbf: Exp + TimeSpan.FromHours(1)), Exp + TimeSpan.FromDays(1), Skew));
    }

    /// <summary>Claims as a token carries them, in whole seconds.</summary>
    private static RegisteredClaims Claims(DateTimeOffset? exp, DateTimeOffset? nbf = null)
    {
        var members = new List<string>();
        if (exp is { } expires)
        {
            members.Add($"\"exp\": {expires.ToUnixTimeSeconds()}");
        }

        if (nbf is { } notBefore)
        {
            members.Add($"\"nbf\": {notBefore.ToUnixTimeSeconds()}");
        }

        return RegisteredClaims.Read(Json.Parse("{" + string.Join(", ", members) + "}"));
    }
}
