using QuiltMcp.Orleans.Api.Identity;
using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Http;

/// <summary>Whose allowance a request spends, decided before authentication from one cache lookup.</summary>
public sealed class RateLimitPartitionerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.Zero));
    private readonly ValidatedTokenCache _cache;
    private readonly RateLimitPartitioner _partitioner;

    public RateLimitPartitionerTests()
    {
        _cache = new ValidatedTokenCache(_time, Options.Create(new AuthOptions()));
        _partitioner = new RateLimitPartitioner(_cache, new StaticOptionsMonitor<HttpOptions>(new HttpOptions { PermitsPerMinute = 1200, AnonymousPermitsPerMinute = 300 }));
        var key = PrincipalKeys.ForToken("quilt-frontend", "alice");
        var claims = new PrincipalClaims { Subject = "alice", Issuer = "quilt-frontend" };
        _cache.Add("known-token", new AuthenticatedCaller(
            new ValidatedAccessToken(claims, key, ImmutableDictionary<string, object?>.Empty, TokenIssuerKind.Quilt, _time.GetUtcNow().AddHours(1)),
            new ClaimsIdentity(), null!, new PrincipalSnapshotCache()));
    }

    public void Dispose() => _cache.Dispose();

    [Theory]
    [InlineData("Bearer known-token")]
    [InlineData("bearer known-token")]
    [InlineData("Bearer   known-token  ")]
    public void A_token_already_validated_spends_its_principal_s_allowance(string header)
    {
        var partition = _partitioner.For(Request(header, "10.1.2.3"));

        Assert.Equal("principal:jwt|quilt-frontend|alice", partition.PartitionKey);
        AssertBucket(partition, limit: 200);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer unknown-token")]
    [InlineData("Basic known-token")]
    [InlineData("known-token")]
    public void Anything_else_spends_the_client_address_s_allowance(string? header)
    {
        var partition = _partitioner.For(Request(header, "10.1.2.3"));

        Assert.Equal("address:10.1.2.3", partition.PartitionKey);
        AssertBucket(partition, limit: 50);
    }

    [Fact]
    public void A_request_without_a_peer_address_shares_one_partition()
    {
        var partition = _partitioner.For(Request(null, null));

        Assert.Equal("address:" + ClientAddressKey.For(null), partition.PartitionKey);
    }

    [Fact]
    public void Tiny_allowances_still_admit_one_request()
    {
        var partitioner = new RateLimitPartitioner(_cache, new StaticOptionsMonitor<HttpOptions>(new HttpOptions { PermitsPerMinute = 1, AnonymousPermitsPerMinute = 1 }));

        AssertBucket(partitioner.For(Request(null, "10.0.0.1")), limit: 1);
    }

    private static void AssertBucket(RateLimitPartition<string> partition, int limit)
    {
        using var limiter = (TokenBucketRateLimiter)partition.Factory(partition.PartitionKey);
        var statistics = limiter.GetStatistics()!;
        Assert.Equal(limit, statistics.CurrentAvailablePermits);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.ReplenishmentPeriod);
        using (var all = limiter.AttemptAcquire(limit))
        {
            Assert.True(all.IsAcquired);
        }

        using var more = limiter.AttemptAcquire(1);
        Assert.False(more.IsAcquired);
    }

    private static HttpContext Request(string? authorization, string? address)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        return context;
    }
}
