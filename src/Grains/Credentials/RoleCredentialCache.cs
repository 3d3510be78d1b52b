namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>
/// The credentials of one role for one principal, and the single STS call that may be renewing them.
/// Not thread-safe on purpose: it lives inside a grain, whose turns never run in parallel, so "check the cache,
/// then start a refresh" needs no lock and concurrent callers always find the one refresh already started.
/// </summary>
internal sealed class RoleCredentialCache(
    IRoleAssumer assumer,
    CredentialClock clock,
    CredentialCacheOptions options)
{
    /// <summary>Credentials closer than this to expiry are not handed out: a tool needs time to use them.</summary>
    internal static readonly TimeSpan MinimumRemainingLifetime = TimeSpan.FromSeconds(30);

    internal const string UnexpectedErrorCode = "UnexpectedError";

    private RoleCredentials? _current;
    private Task<RoleCredentialsResult>? _refresh;
    private RoleCredentialsResult? _lastFailure;
    private DateTimeOffset _retryAfter;

    /// <summary>The expiry of the credentials held now, without calling STS.</summary>
    public DateTimeOffset? CurrentExpiration => _current?.Expiration;

    public Task<RoleCredentialsResult> GetAsync(RoleSessionRequest request)
    {
        var now = clock.UtcNow;
        if (_current is { } current && IsUsable(current, now))
        {
            if (now >= current.Expiration - options.RefreshBeforeExpiry && _refresh is null && now >= _retryAfter)
            {
                // Renew in the background: callers keep the valid credentials instead of waiting for STS.
                _ = StartRefresh(request);
            }

            return Task.FromResult(RoleCredentialsResult.Success(current, fromCache: true));
        }

        if (_refresh is not null)
        {
            return JoinAsync(_refresh);
        }

        if (_lastFailure is not null && now < _retryAfter)
        {
            return Task.FromResult(_lastFailure);
        }

        return StartRefresh(request);
    }

    /// <summary>
    /// A caller that joins the STS call another caller started caused no STS call of its own, so it counts as
    /// served from the cache: cache misses then equal STS calls exactly.
    /// </summary>
    private static async Task<RoleCredentialsResult> JoinAsync(Task<RoleCredentialsResult> refresh)
    {
        var result = await refresh;
        return result.Succeeded ? result with { FromCache = true } : result;
    }

    private Task<RoleCredentialsResult> StartRefresh(RoleSessionRequest request)
    {
        var refresh = RefreshAsync(request);

        // A refresh that completed synchronously has already cleared itself; do not resurrect it.
        if (!refresh.IsCompleted)
        {
            _refresh = refresh;
        }

        return refresh;
    }

    private async Task<RoleCredentialsResult> RefreshAsync(RoleSessionRequest request)
    {
        try
        {
            var credentials = await assumer.AssumeRoleAsync(request, CancellationToken.None);
            _current = credentials;
            _lastFailure = null;
            _retryAfter = default;
            return RoleCredentialsResult.Success(credentials, fromCache: false);
        }
        catch (Exception failure)
        {
            // Anything but a RoleAssumptionException is a bug in the assumer; its message is not shown to callers.
            _lastFailure = failure is RoleAssumptionException assumption
                ? RoleCredentialsResult.Failure(assumption.ErrorCode, assumption.Message)
                : RoleCredentialsResult.Failure(UnexpectedErrorCode, "an unexpected error occurred while assuming the role");
            _retryAfter = clock.UtcNow + options.RetryFailedAfter;

            // Only callers without usable credentials wait for a refresh (GetAsync serves usable ones from the cache
            // while a renewal runs in the background), so whoever sees this result has nothing better to use.
            return _lastFailure;
        }
        finally
        {
            _refresh = null;
        }
    }

    private static bool IsUsable(RoleCredentials credentials, DateTimeOffset now) =>
        now < credentials.Expiration - MinimumRemainingLifetime;
}
