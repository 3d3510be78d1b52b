using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>The version id rule: what S3 issues passes, anything that could change a request or a log line does not.</summary>
public sealed class S3VersionIdTests
{
    private const string Rule = "S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =";

    [Theory]
    [InlineData("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo")]
    [InlineData("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")]
    [InlineData("Cmdnh0cL1m4RXvkuE7sGS.JpOyIsFjy_")]
    [InlineData("AbC-123_xyz=")]
    [InlineData("null")]
    public void Version_ids_s3_issues_are_accepted(string versionId)
    {
        Assert.Null(S3VersionId.Problem(versionId));
        Assert.Equal(versionId, S3VersionId.Ensure(versionId, "version_id"));
    }

    [Fact]
    public void A_version_id_may_have_1024_characters_and_no_more()
    {
        Assert.Null(S3VersionId.Problem(new string('v', 1024)));
        Assert.Equal("is longer than 1024 characters", S3VersionId.Problem(new string('v', 1025)));
    }

    [Theory]
    [InlineData("", "version_id is empty")]
    [InlineData("a\u0000b", "version_id 'a?b' contains control characters")]
    [InlineData("a\r\nx-amz-acl: public-read", "version_id 'a??x-amz-acl: public-read' contains control characters")]
    [InlineData("v1&acl", "version_id 'v1&acl' contains '&', which S3 version ids never do")]
    [InlineData("v1?versionId=v2", "version_id 'v1?versionId=v2' contains '?', which S3 version ids never do")]
    [InlineData("v1#x", "version_id 'v1#x' contains '#', which S3 version ids never do")]
    [InlineData("v%31", "version_id 'v%31' contains '%', which S3 version ids never do")]
    [InlineData("v 1", "version_id 'v 1' contains ' ', which S3 version ids never do")]
    [InlineData("v\\1", "version_id 'v\\1' contains '\\', which S3 version ids never do")]
    [InlineData("v\"1", "version_id 'v\"1' contains '\"', which S3 version ids never do")]
    [InlineData("vé1", "version_id 'vé1' contains 'é', which S3 version ids never do")]
    [InlineData("v\uFF0F1", "version_id 'v\uFF0F1' contains '\uFF0F', which S3 version ids never do")]
    public void Anything_else_is_refused_with_the_argument_and_the_rule(string versionId, string message)
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3VersionId.Ensure(versionId, "version_id"));

        Assert.Equal($"{message}; {Rule}.", failure.Message);
    }

    [Fact]
    public void A_long_hostile_version_id_is_quoted_shortened()
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3VersionId.Ensure(new string('v', 2000), "version_id"));

        Assert.Equal($"version_id '{new string('v', 80)}…' is longer than 1024 characters; {Rule}.", failure.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("null", null)]
    [InlineData("abc", "abc")]
    public void Only_a_version_a_caller_can_use_is_reported(string? fromS3, string? reported)
    {
        Assert.Equal(reported, S3VersionId.Reported(fromS3));
    }
}
