using QuiltMcp.Orleans.Api.Identity;
using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Identity.Bearer;

/// <summary>
/// The cache may only ever answer for a token the validator would still accept, and never for longer than its ceiling:
/// every boundary here is one a plausible bug would move.
/// </summary>
public sealed class ValidatedTokenCacheTests : IDisposable
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly ValidatedTokenCache _cache;

    public ValidatedTokenCacheTests() =>
        _cache = new ValidatedTokenCache(_time, Options.Create(new AuthOptions { ClockSkew = Skew }));

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void An_unknown_token_is_not_found()
    {
        Assert.False(_cache.TryGet("never-seen", out var caller));
        Assert.Null(caller);
    }

    [Fact]
    public void A_validated_token_is_found_with_the_same_caller()
    {
        var caller = Caller(expiresIn: TimeSpan.FromHours(1));
        _cache.Add("token-a", caller);

        Assert.True(_cache.TryGet("token-a", out var found));
        Assert.Same(caller, found);
    }

    [Fact]
    public void Another_token_does_not_find_it_even_when_only_one_character_differs()
    {
        _cache.Add("token-a", Caller(TimeSpan.FromHours(1)));

        Assert.False(_cache.TryGet("token-b", out _));
        Assert.False(_cache.TryGet("token-a ", out _));
        Assert.False(_cache.TryGet("TOKEN-A", out _));
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(16_000)]
    public void Tokens_on_either_side_of_the_stack_buffer_are_keyed_by_all_their_bytes(int length)
    {
        // Multi-byte characters too: the key is the hash of the UTF-8 bytes, whose count is what the buffer is sized by.
        var token = new string('é', length / 2) + new string('x', length - (length / 2));
        var caller = Caller(TimeSpan.FromHours(1));
        _cache.Add(token, caller);

        Assert.True(_cache.TryGet(token, out var found));
        Assert.Same(caller, found);
        Assert.False(_cache.TryGet(token[..^1] + "y", out _));
        Assert.False(_cache.TryGet("y" + token[1..], out _));
    }

    [Fact]
    public void An_entry_is_checked_again_after_five_minutes_however_long_the_token_lives()
    {
        _cache.Add("long-lived", Caller(TimeSpan.FromHours(12)));

        _time.Advance(ValidatedTokenCache.MaximumEntryLifetime - TimeSpan.FromSeconds(1));
        Assert.True(_cache.TryGet("long-lived", out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_cache.TryGet("long-lived", out _));
    }

    [Fact]
    public void A_token_is_served_until_expiry_plus_skew_and_not_a_moment_longer()
    {
        _cache.Add("short", Caller(TimeSpan.FromMinutes(1)));

        _time.Advance(TimeSpan.FromMinutes(1) + Skew - TimeSpan.FromMilliseconds(1));
        Assert.True(_cache.TryGet("short", out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_cache.TryGet("short", out _));
    }

    [Fact]
    public void A_token_already_past_expiry_plus_skew_is_never_served()
    {
        _cache.Add("stale", Caller(-Skew - TimeSpan.FromSeconds(1)));

        Assert.False(_cache.TryGet("stale", out var caller));
        Assert.Null(caller);
    }

    [Fact]
    public void The_expiry_check_holds_even_when_the_entry_itself_has_not_been_evicted()
    {
        // The entry's own absolute expiration is measured by the cache's clock when it was added; the lookup checks
        // the token's acceptance again, so a token is refused at its own deadline whatever the entry says.
        var caller = Caller(TimeSpan.FromMinutes(2));
        _cache.Add("edge", caller);
        _time.Advance(TimeSpan.FromMinutes(2) + Skew);

        Assert.False(_cache.TryGet("edge", out _));
    }

    [Fact]
    public void A_token_expiring_at_the_end_of_the_calendar_is_served_without_overflow()
    {
        _cache.Add("forever", Caller(DateTimeOffset.MaxValue - _time.GetUtcNow() - TimeSpan.FromSeconds(1)));

        Assert.True(_cache.TryGet("forever", out _));
        _time.Advance(ValidatedTokenCache.MaximumEntryLifetime);
        Assert.False(_cache.TryGet("forever", out _));
    }

    [Fact]
    public void Adding_again_replaces_the_caller()
    {
        _cache.Add("token", Caller(TimeSpan.FromHours(1), subject: "first"));
        var second = Caller(TimeSpan.FromHours(1), subject: "second");
        _cache.Add("token", second);

        Assert.True(_cache.TryGet("token", out var found));
        Assert.Same(second, found);
    }

    [Fact]
    public void The_cache_is_bounded_so_a_flood_of_valid_tokens_cannot_grow_it()
    {
        var caller = Caller(TimeSpan.FromHours(1));
        var tokens = Enumerable.Range(0, ValidatedTokenCache.MaximumEntries + 500).Select(i => $"token-{i}").ToArray();
        foreach (var token in tokens)
        {
            _cache.Add(token, caller);
        }

        Assert.InRange(tokens.Count(token => _cache.TryGet(token, out _)), 1, ValidatedTokenCache.MaximumEntries);
    }

    private AuthenticatedCaller Caller(TimeSpan expiresIn, string subject = "alice")
    {
        var claims = new PrincipalClaims { Subject = subject, Issuer = "quilt-frontend" };
        var key = PrincipalKeys.ForToken("quilt-frontend", subject);
        var token = new ValidatedAccessToken(claims, key, ImmutableDictionary<string, object?>.Empty, TokenIssuerKind.Quilt, _time.GetUtcNow() + expiresIn);
        return new AuthenticatedCaller(token, new ClaimsIdentity("test"), null!, new PrincipalSnapshotCache());
    }
}
