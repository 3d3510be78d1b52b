using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>What a caller reads when S3 fails: the object, the S3 error code and what to do.</summary>
public sealed class S3ErrorsTests
{
    private const string Target = "s3://demo/a.txt";

    [Fact]
    public void A_server_error_says_it_was_tried_again_and_to_try_later()
    {
        var failure = new AmazonS3Exception("Please reduce your request rate.", ErrorType.Receiver, "SlowDown", "r1", HttpStatusCode.ServiceUnavailable);

        Assert.Equal("S3 failed on s3://demo/a.txt (SlowDown, HTTP 503), also when tried again; try again later.", S3Errors.Translate(failure, Target).Message);
    }

    [Fact]
    public void A_client_error_names_its_code_without_the_retry_advice()
    {
        var failure = new AmazonS3Exception("bad", ErrorType.Sender, "InvalidRequest", "r2", HttpStatusCode.BadRequest);

        Assert.Equal("S3 failed on s3://demo/a.txt (InvalidRequest, HTTP 400).", S3Errors.Translate(failure, Target).Message);
    }

    [Fact]
    public void A_timeout_says_what_timed_out()
    {
        var failure = new S3TimeoutException("no answer within 30 s, retries included");

        Assert.True(S3Errors.IsS3Failure(failure));
        Assert.Equal("S3 did not answer in time for s3://demo/a.txt (Timeout: no answer within 30 s, retries included); try again later.",
            S3Errors.Translate(failure, Target).Message);
    }

    /// <summary>A model reads these and decides its next call: each names the tool that shows what exists or who it is.</summary>
    [Theory]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, "s3://demo/a.txt does not exist (NoSuchKey): bucket_objects_list shows the keys under a prefix.")]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, "The bucket of s3://demo/a.txt does not exist (NoSuchBucket): bucket_list shows the buckets you may use.")]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "AWS denied access to s3://demo/a.txt (AccessDenied): the role in use lacks the permission; aws_identity shows which role that is.")]
    public void A_missing_object_or_bucket_or_a_denial_names_the_tool_that_shows_more(string code, HttpStatusCode status, string message)
    {
        var failure = new AmazonS3Exception("from S3", ErrorType.Sender, code, "r3", status);

        Assert.Equal(message, S3Errors.Translate(failure, Target).Message);
    }

    private const string VersionHint = "Leave the version out to read the current object; bucket_objects_list with versions=true lists the versions a key has.";

    /// <summary>A read of one version: what S3 says about the version is about the version, whatever the request kind.</summary>
    [Theory]
    [InlineData("NoSuchVersion", HttpStatusCode.NotFound, "s3://demo/a.txt?versionId=v1 does not exist: S3 has no such version of the object (NoSuchVersion). " + VersionHint)]
    [InlineData(null, HttpStatusCode.NotFound, "s3://demo/a.txt?versionId=v1 does not exist: S3 has no such version of the object (HTTP 404). " + VersionHint)]
    [InlineData("NotFound", HttpStatusCode.NotFound, "s3://demo/a.txt?versionId=v1 does not exist: S3 has no such version of the object (HTTP 404). " + VersionHint)]
    [InlineData("InvalidArgument", HttpStatusCode.BadRequest, "S3 does not know the version of s3://demo/a.txt?versionId=v1 (InvalidArgument: not a version id of this bucket; an unversioned bucket has none). " + VersionHint)]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, "s3://demo/a.txt?versionId=v1 does not exist (NoSuchKey): bucket_objects_list shows the keys under a prefix.")]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "AWS denied access to s3://demo/a.txt?versionId=v1 (AccessDenied): the role in use lacks the permission; aws_identity shows which role that is.")]
    public void A_version_s3_does_not_have_says_so_and_what_to_do(string? code, HttpStatusCode status, string message)
    {
        var failure = new AmazonS3Exception("from S3", ErrorType.Sender, code, "r4", status);

        Assert.Equal(message, S3Errors.Translate(failure, new S3Uri("demo", "a.txt", "v1")).Message);
    }

    [Fact]
    public void Without_a_version_an_object_read_fails_as_before()
    {
        var failure = new AmazonS3Exception("from S3", ErrorType.Sender, "InvalidArgument", "r5", HttpStatusCode.BadRequest);

        Assert.Equal("S3 failed on s3://demo/a.txt (InvalidArgument, HTTP 400).", S3Errors.Translate(failure, new S3Uri("demo", "a.txt")).Message);
    }
}
