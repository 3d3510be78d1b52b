using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class McpSessionCensusTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private McpSessionCensus Census(int cap = 100, TimeSpan? idleTimeout = null) =>
        new(Options.Create(new McpSessionOptions { MaxIdleSessionCount = cap, IdleTimeout = idleTimeout ?? TimeSpan.FromHours(2) }), _time);

    [Fact]
    public void A_recently_used_session_well_under_the_cap_cannot_be_closed_under_a_request()
    {
        var census = Census();
        using var held = census.Hold("s1");

        Assert.False(census.MayBeClosedDuringRequest("s1"));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.False(census.MayBeClosedDuringRequest("s1"));
    }

    [Fact]
    public void A_session_not_held_here_is_protected()
    {
        var census = Census();
        using var other = census.Hold("s1");

        Assert.True(census.MayBeClosedDuringRequest("elsewhere"));
    }

    [Fact]
    public void Sessions_are_protected_from_nine_tenths_of_the_cap()
    {
        var census = Census(cap: 10);
        var held = Enumerable.Range(0, 8).Select(i => census.Hold($"s{i}")!).ToList();
        Assert.Equal(8, census.Live);
        Assert.False(census.MayBeClosedDuringRequest("s0"));

        held.Add(census.Hold("s8")!);
        Assert.True(census.MayBeClosedDuringRequest("s0"));

        held[8].Dispose();
        Assert.Equal(8, census.Live);
        Assert.False(census.MayBeClosedDuringRequest("s0"));
        held.ForEach(session => session.Dispose());
        Assert.Equal(0, census.Live);
    }

    [Fact]
    public void A_session_idle_nearly_to_its_timeout_is_protected_and_a_request_resets_its_clock()
    {
        var census = Census(idleTimeout: TimeSpan.FromMinutes(10));
        using var held = census.Hold("s1");

        _time.Advance(TimeSpan.FromMinutes(8));
        Assert.False(census.MayBeClosedDuringRequest("s1"));

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(census.MayBeClosedDuringRequest("s1"));

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(census.MayBeClosedDuringRequest("s1"));
    }

    [Fact]
    public void A_closed_session_is_forgotten_and_a_second_hold_of_the_same_id_is_not_counted_twice()
    {
        var census = Census();
        var first = census.Hold("s1");
        Assert.Null(census.Hold("s1"));
        Assert.Equal(1, census.Live);

        first!.Dispose();
        Assert.Equal(0, census.Live);
        Assert.True(census.MayBeClosedDuringRequest("s1"));
    }
}
