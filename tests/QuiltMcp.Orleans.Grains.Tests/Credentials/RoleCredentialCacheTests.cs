using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Grains.Tests.Credentials;

/// <summary>
/// The credential cache's rules at their boundaries: when credentials are handed out, renewed, and when a failure is
/// remembered. Each boundary is one a plausible change would move without any other test noticing.
/// </summary>
public sealed class RoleCredentialCacheTests
{
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly RoleSessionRequest Request = new("arn:aws:iam::123456789012:role/Reader", "alice", new Dictionary<string, string>());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedRoleAssumer _sts;
    private readonly RoleCredentialCache _cache;

    public RoleCredentialCacheTests()
    {
        _sts = new ScriptedRoleAssumer(_time);
        _cache = NewCache(RefreshBefore);
    }

    [Fact]
    public async Task The_first_call_assumes_the_role_and_later_ones_are_served_from_the_cache()
    {
        _sts.Succeeds(Hour);

        var first = await _cache.GetAsync(Request);
        var second = await _cache.GetAsync(Request);

        Assert.True(first.Succeeded);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Same(first.Credentials, second.Credentials);
        Assert.Equal(1, _sts.Calls);
        Assert.Equal(first.Credentials!.Expiration, _cache.CurrentExpiration);
    }

    [Fact]
    public void Nothing_is_held_before_the_first_call()
    {
        Assert.Null(_cache.CurrentExpiration);
    }

    [Fact]
    public async Task Renewal_starts_exactly_refresh_before_expiry_in_the_background()
    {
        _sts.Succeeds(Hour);
        var first = (await _cache.GetAsync(Request)).Credentials!;

        _time.SetUtcNow(first.Expiration - RefreshBefore - TimeSpan.FromTicks(1));
        await _cache.GetAsync(Request);
        Assert.Equal(1, _sts.Calls);

        _time.SetUtcNow(first.Expiration - RefreshBefore);
        var renewal = _sts.Pends();
        var during = await _cache.GetAsync(Request);
        Assert.Equal(2, _sts.Calls);
        Assert.Same(first, during.Credentials);
        Assert.True(during.FromCache);

        // Callers during the renewal neither wait nor start another STS call.
        var again = await _cache.GetAsync(Request);
        Assert.Same(first, again.Credentials);
        Assert.Equal(2, _sts.Calls);

        renewal.SetResult(_sts.Credentials(Hour));
        await WaitUntilAsync(() => _cache.CurrentExpiration != first.Expiration);
        var renewed = await _cache.GetAsync(Request);
        Assert.NotSame(first, renewed.Credentials);
        Assert.Equal(2, _sts.Calls);
    }

    [Fact]
    public async Task Credentials_are_not_handed_out_in_their_last_thirty_seconds()
    {
        // No background renewal in this test, so only the hand-out rule decides.
        var cache = NewCache(refreshBefore: TimeSpan.Zero);
        _sts.Succeeds(Hour);
        var first = (await cache.GetAsync(Request)).Credentials!;

        _time.SetUtcNow(first.Expiration - RoleCredentialCache.MinimumRemainingLifetime - TimeSpan.FromTicks(1));
        Assert.Same(first, (await cache.GetAsync(Request)).Credentials);
        Assert.Equal(1, _sts.Calls);

        _time.SetUtcNow(first.Expiration - RoleCredentialCache.MinimumRemainingLifetime);
        _sts.Succeeds(Hour);
        var atTheLimit = await cache.GetAsync(Request);
        Assert.NotSame(first, atTheLimit.Credentials);
        Assert.False(atTheLimit.FromCache);
        Assert.Equal(2, _sts.Calls);
    }

    [Fact]
    public void The_minimum_remaining_lifetime_is_thirty_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RoleCredentialCache.MinimumRemainingLifetime);
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_sts_call_and_count_as_cache_hits()
    {
        var pending = _sts.Pends();

        var first = _cache.GetAsync(Request);
        var joiners = Enumerable.Range(0, 5).Select(_ => _cache.GetAsync(Request)).ToArray();
        pending.SetResult(_sts.Credentials(Hour));

        Assert.False((await first).FromCache);
        Assert.All(await Task.WhenAll(joiners), result =>
        {
            Assert.True(result.FromCache);
            Assert.Same((first.Result).Credentials, result.Credentials);
        });
        Assert.Equal(1, _sts.Calls);
    }

    [Fact]
    public async Task A_joiner_of_a_failed_call_sees_the_failure_not_a_cache_hit()
    {
        var pending = _sts.Pends();
        var first = _cache.GetAsync(Request);
        var joiner = _cache.GetAsync(Request);

        pending.SetException(new RoleAssumptionException("AccessDenied", "no"));

        Assert.Equal("AccessDenied", (await first).ErrorCode);
        var joined = await joiner;
        Assert.False(joined.Succeeded);
        Assert.False(joined.FromCache);
        Assert.Equal("AccessDenied", joined.ErrorCode);
    }

    [Fact]
    public async Task A_failure_is_remembered_for_retry_failed_after_and_not_a_moment_longer()
    {
        _sts.Fails("Throttling");
        var failed = await _cache.GetAsync(Request);
        Assert.Equal("Throttling", failed.ErrorCode);
        Assert.Equal("STS said Throttling", failed.ErrorMessage);

        _time.Advance(RetryAfter - TimeSpan.FromTicks(1));
        var remembered = await _cache.GetAsync(Request);
        Assert.Same(failed, remembered);
        Assert.Equal(1, _sts.Calls);

        _time.Advance(TimeSpan.FromTicks(1));
        _sts.Succeeds(Hour);
        var recovered = await _cache.GetAsync(Request);
        Assert.True(recovered.Succeeded);
        Assert.Equal(2, _sts.Calls);

        // Success forgets the failure: after these credentials expire, STS is asked at once.
        _time.SetUtcNow(recovered.Credentials!.Expiration);
        _sts.Succeeds(Hour);
        Assert.True((await _cache.GetAsync(Request)).Succeeded);
        Assert.Equal(3, _sts.Calls);
    }

    [Fact]
    public async Task A_failed_renewal_keeps_serving_valid_credentials_and_waits_before_trying_again()
    {
        _sts.Succeeds(Hour);
        var first = (await _cache.GetAsync(Request)).Credentials!;
        _time.SetUtcNow(first.Expiration - RefreshBefore);
        _sts.Fails("ServiceUnavailable");

        var during = await _cache.GetAsync(Request);
        Assert.Same(first, during.Credentials);
        await WaitUntilAsync(() => _sts.Calls == 2);

        // Within the retry window: still the old credentials, no new STS call.
        _time.Advance(RetryAfter - TimeSpan.FromTicks(1));
        Assert.Same(first, (await _cache.GetAsync(Request)).Credentials);
        Assert.Equal(2, _sts.Calls);

        // After it: the next caller starts one more renewal.
        _time.Advance(TimeSpan.FromTicks(1));
        _sts.Succeeds(Hour);
        Assert.Same(first, (await _cache.GetAsync(Request)).Credentials);
        Assert.Equal(3, _sts.Calls);
    }

    [Fact]
    public async Task A_failed_renewal_after_expiry_reports_the_sts_error()
    {
        _sts.Succeeds(Hour);
        var first = (await _cache.GetAsync(Request)).Credentials!;
        _time.SetUtcNow(first.Expiration);
        _sts.Fails("ExpiredToken");

        var result = await _cache.GetAsync(Request);

        Assert.False(result.Succeeded);
        Assert.Equal("ExpiredToken", result.ErrorCode);
    }

    [Fact]
    public async Task A_caller_who_joins_a_renewal_after_the_credentials_became_unusable_gets_its_outcome()
    {
        _sts.Succeeds(Hour);
        var first = (await _cache.GetAsync(Request)).Credentials!;
        _time.SetUtcNow(first.Expiration - RefreshBefore);
        var renewal = _sts.Pends();
        await _cache.GetAsync(Request);

        _time.SetUtcNow(first.Expiration);
        var joiner = _cache.GetAsync(Request);
        Assert.False(joiner.IsCompleted);
        renewal.SetException(new RoleAssumptionException("Throttling", "slow down"));

        var result = await joiner;
        Assert.False(result.Succeeded);
        Assert.Equal("Throttling", result.ErrorCode);
        Assert.Equal(2, _sts.Calls);
    }

    [Fact]
    public async Task An_unexpected_exception_is_reported_without_its_message()
    {
        _sts.Throws(new InvalidOperationException("internal detail: connection string xyz"));

        var result = await _cache.GetAsync(Request);

        Assert.Equal(RoleCredentialCache.UnexpectedErrorCode, result.ErrorCode);
        Assert.Equal("an unexpected error occurred while assuming the role", result.ErrorMessage);
    }

    [Fact]
    public async Task After_a_slow_failure_and_its_retry_window_the_next_caller_starts_a_new_call()
    {
        var pending = _sts.Pends();
        var first = _cache.GetAsync(Request);
        pending.SetException(new RoleAssumptionException("Throttling", "slow down"));
        Assert.Equal("Throttling", (await first).ErrorCode);

        _time.Advance(RetryAfter);
        _sts.Succeeds(Hour);
        var next = await _cache.GetAsync(Request);

        Assert.True(next.Succeeded);
        Assert.False(next.FromCache);
        Assert.Equal(2, _sts.Calls);
    }

    private RoleCredentialCache NewCache(TimeSpan refreshBefore) => new(_sts, new CredentialClock(_time),
        new CredentialCacheOptions { RefreshBeforeExpiry = refreshBefore, RetryFailedAfter = RetryAfter });

    /// <summary>For the cache's background refresh, which runs on the thread pool whatever the fake clock says.</summary>
    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(30), "the background refresh's effect");
}
