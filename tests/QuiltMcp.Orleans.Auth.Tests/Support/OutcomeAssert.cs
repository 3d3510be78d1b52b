using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Support;

internal static class OutcomeAssert
{
    /// <summary>Rejected as invalid_token, for the expected reason, and the reason never echoes the token.</summary>
    public static void Rejected(TokenValidationOutcome outcome, string expectedReason, string token)
    {
        Assert.False(outcome.Succeeded, $"expected rejection '{expectedReason}'");
        Assert.Null(outcome.Token);
        Assert.Equal(OAuthErrorCodes.InvalidToken, outcome.Error);
        Assert.Contains(expectedReason, outcome.Reason, StringComparison.Ordinal);
        foreach (var segment in token.Split('.').Where(segment => segment.Length >= 8))
        {
            Assert.DoesNotContain(segment, outcome.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>Rejected as invalid_token with exactly <paramref name="reason"/>, and no token content echoed.</summary>
    public static void RejectedExactly(TokenValidationOutcome outcome, string reason, string token)
    {
        Assert.False(outcome.Succeeded, $"expected rejection '{reason}'");
        Assert.Equal(reason, outcome.Reason);
        Rejected(outcome, reason, token);
    }

    public static ValidatedAccessToken Accepted(TokenValidationOutcome outcome)
    {
        Assert.True(outcome.Succeeded, $"expected success but got: {outcome.Reason}");
        return outcome.Token;
    }
}
