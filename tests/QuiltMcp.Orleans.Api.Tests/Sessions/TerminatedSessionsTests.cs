using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class TerminatedSessionsTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(2);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-29T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private TerminatedSessions Create() => new(Options.Create(new McpSessionOptions { IdleTimeout = IdleTimeout }), _time);

    [Fact]
    public void Nothing_is_terminated_until_told()
    {
        var terminated = Create();
        Assert.False(terminated.IsTerminated("s1"));
        Assert.Equal(0, terminated.Count);
    }

    [Fact]
    public void A_terminated_id_is_refused_for_as_long_as_the_sdk_could_still_hold_the_session()
    {
        var terminated = Create();
        terminated.SessionTerminated("s1");

        Assert.True(terminated.IsTerminated("s1"));
        Assert.False(terminated.IsTerminated("s2"));
        _time.Advance(IdleTimeout);
        Assert.True(terminated.IsTerminated("s1"));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(terminated.IsTerminated("s1"));
    }

    [Fact]
    public void An_id_is_forgotten_once_the_sdk_has_dropped_the_session_itself()
    {
        var terminated = Create();
        terminated.SessionTerminated("s1");

        _time.Advance(IdleTimeout + TimeSpan.FromMinutes(1));

        Assert.False(terminated.IsTerminated("s1"));
        Assert.Equal(0, terminated.Count);
    }

    [Fact]
    public void Telling_twice_counts_once()
    {
        var terminated = Create();
        terminated.SessionTerminated("s1");
        terminated.SessionTerminated("s1");
        Assert.Equal(1, terminated.Count);
    }

    [Fact]
    public void Expired_ids_are_swept_when_others_arrive_so_memory_stays_bounded()
    {
        var terminated = Create();
        terminated.SessionTerminated("old-1");
        terminated.SessionTerminated("old-2");
        _time.Advance(IdleTimeout + TimeSpan.FromMinutes(2));

        terminated.SessionTerminated("new");

        Assert.Equal(1, terminated.Count);
        Assert.True(terminated.IsTerminated("new"));
    }

    [Fact]
    public void An_id_expires_exactly_at_its_deadline_in_a_lookup_and_in_a_sweep()
    {
        var terminated = Create();
        terminated.SessionTerminated("s1");
        terminated.SessionTerminated("s2");
        _time.Advance(IdleTimeout + TimeSpan.FromMinutes(1));

        terminated.SessionTerminated("s3");

        Assert.Equal(1, terminated.Count);
        Assert.False(terminated.IsTerminated("s1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_id_is_a_programming_error(string? sessionId)
    {
        Assert.ThrowsAny<ArgumentException>(() => Create().SessionTerminated(sessionId!));
    }
}
