using QuiltMcp.Orleans.Api.Aws;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

public sealed class RoleSessionNameTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);

    [Theory]
    [InlineData("alice", "mcp-alice-1790000000")]
    [InlineData("alice@example.com", "mcp-alice@example.com-1790000000")]
    [InlineData("auth0|5f7c8e:x y/z", "mcp-auth0_5f7c8e_x_y_z-1790000000")]
    [InlineData("müller", "mcp-m_ller-1790000000")]
    public void Session_names_use_only_the_sts_character_set(string subject, string expected)
    {
        var name = RoleSessionNames.ForSubject(subject, Now);

        Assert.Equal(expected, name);
        Assert.Matches(@"^[A-Za-z0-9+=,.@_-]{2,64}$", name);
    }

    [Fact]
    public void Long_subjects_are_shortened_so_the_time_always_fits_in_64_characters()
    {
        var name = RoleSessionNames.ForSubject(new string('s', 200), Now);

        Assert.Equal(64, name.Length);
        Assert.EndsWith("-1790000000", name);
        Assert.StartsWith("mcp-sss", name);
    }

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("a", "a_")]
    [InlineData("aws:admin", "aws_admin")]
    [InlineData("x|y", "x_y")]
    public void Source_identity_is_the_sanitised_subject_within_sts_limits(string subject, string expected)
    {
        Assert.Equal(expected, RoleSessionNames.SourceIdentity(subject));
        Assert.Equal(64, RoleSessionNames.SourceIdentity(new string('q', 100)).Length);
    }
}
