using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

public sealed class LocalRoleCredentialCacheTests : IDisposable
{
    private const string Alice = "quilt|alice";
    private const string Bob = "quilt|bob";
    private static readonly string Reader = FakeSts.RoleArn("Reader");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalRoleCredentialCache _cache;

    public LocalRoleCredentialCacheTests() =>
        _cache = new LocalRoleCredentialCache(new CredentialClock(_time), new FixedOptions(new CredentialCacheOptions()));

    [Fact]
    public void Credentials_are_used_until_the_grains_renewal_window_starts_and_not_a_tick_longer()
    {
        var credentials = Credentials(Reader, lifetime: TimeSpan.FromHours(1));
        _cache.Remember(Alice, credentials);

        _time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromTicks(1));
        Assert.True(_cache.TryGet(Alice, Reader, out var held));
        Assert.Same(credentials, held);
        Assert.Equal(credentials.Expiration, _cache.ExpiryOf(Alice, Reader));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(_cache.TryGet(Alice, Reader, out _));
        Assert.Null(_cache.ExpiryOf(Alice, Reader));
    }

    [Fact]
    public void Another_principal_or_another_role_never_gets_them()
    {
        _cache.Remember(Alice, Credentials(Reader, TimeSpan.FromHours(1)));

        Assert.False(_cache.TryGet(Bob, Reader, out _));
        Assert.False(_cache.TryGet(Alice, FakeSts.RoleArn("Writer"), out _));
        Assert.False(_cache.TryGet(Alice.ToUpperInvariant(), Reader, out _));
    }

    [Fact]
    public void Credentials_handed_out_inside_the_renewal_window_are_not_kept_so_the_next_call_asks_the_grain_again()
    {
        _cache.Remember(Alice, Credentials(Reader, lifetime: TimeSpan.FromMinutes(5)));

        Assert.False(_cache.TryGet(Alice, Reader, out _));
    }

    [Fact]
    public void Newer_credentials_from_the_grain_replace_the_copy()
    {
        _cache.Remember(Alice, Credentials(Reader, TimeSpan.FromHours(1)));
        var renewed = Credentials(Reader, TimeSpan.FromHours(2));
        _cache.Remember(Alice, renewed);

        Assert.True(_cache.TryGet(Alice, Reader, out var held));
        Assert.Same(renewed, held);
    }

    public void Dispose() => _cache.Dispose();

    private RoleCredentials Credentials(string roleArn, TimeSpan lifetime) => new()
    {
        RoleArn = roleArn,
        AccessKeyId = "ASIAFAKE" + Guid.NewGuid().ToString("N")[..12],
        SecretAccessKey = "secret",
        SessionToken = "token",
        Expiration = _time.GetUtcNow() + lifetime,
        AssumedRoleUserArn = "arn:aws:sts::123456789012:assumed-role/Reader/mcp-alice",
        SessionName = "mcp-alice",
    };

    private sealed class FixedOptions(CredentialCacheOptions value) : IOptionsMonitor<CredentialCacheOptions>
    {
        public CredentialCacheOptions CurrentValue => value;

        public CredentialCacheOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CredentialCacheOptions, string?> listener) => null;
    }
}
