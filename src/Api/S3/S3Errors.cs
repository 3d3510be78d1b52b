using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Turns S3 failures into tool errors a caller can act on: what was asked, the S3 error code, and a hint (for a model,
/// the tool that shows what to ask instead). The SDK's
/// messages never contain credentials, but only the code and a fixed sentence are passed on anyway.
/// </summary>
public static class S3Errors
{
    /// <summary>What to do about a version S3 does not have.</summary>
    private const string VersionHint = "Leave the version out to read the current object; bucket_objects_list with versions=true lists the versions a key has.";

    public static S3AccessException Translate(Exception failure, string target)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            S3RequestRefusedException refused => new S3AccessException(refused.Message),
            S3TimeoutException timeout => new S3AccessException($"S3 did not answer in time for {target} (Timeout: {timeout.Reason}); try again later."),
            AmazonS3Exception { ErrorCode: "NoSuchKey" } or AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: null or "" or "NotFound" }
                => new S3AccessException($"{target} does not exist (NoSuchKey): bucket_objects_list shows the keys under a prefix."),
            AmazonS3Exception { ErrorCode: "NoSuchBucket" }
                => new S3AccessException($"The bucket of {target} does not exist (NoSuchBucket): bucket_list shows the buckets you may use."),
            AmazonS3Exception { ErrorCode: "NoSuchVersion" } => NoSuchVersion(target, "NoSuchVersion"),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3 =>
                new S3AccessException($"AWS denied access to {target} ({Code(s3)}): the role in use lacks the permission; aws_identity shows which role that is."),
            AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } service =>
                new S3AccessException($"S3 failed on {target} ({Code(service)}, HTTP {(int)service.StatusCode}), also when tried again; try again later."),
            AmazonServiceException service => new S3AccessException($"S3 failed on {target} ({Code(service)}, HTTP {(int)service.StatusCode})."),
            AmazonClientException or HttpRequestException or IOException => new S3AccessException($"S3 could not be reached for {target} ({failure.GetType().Name})."),
            _ => new S3AccessException($"S3 failed on {target} ({failure.GetType().Name})."),
        };
    }

    /// <summary>
    /// As <see cref="Translate(Exception, string)"/> for a request on one object, which may name a version. S3 answers a
    /// version it does not have with NoSuchVersion (404; a HEAD carries no error code, only the status), and a version
    /// id it cannot have issued, or any version id on an unversioned bucket, with InvalidArgument (400): both mean the
    /// version, not the object or the request, is what to change.
    /// </summary>
    public static S3AccessException Translate(Exception failure, S3Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var target = location.ToString();
        return location.VersionId is null ? Translate(failure, target) : failure switch
        {
            AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: null or "" or "NotFound" } => NoSuchVersion(target, "HTTP 404"),
            AmazonS3Exception { StatusCode: HttpStatusCode.BadRequest, ErrorCode: "InvalidArgument" }
                => new S3AccessException($"S3 does not know the version of {target} (InvalidArgument: not a version id of this bucket; an unversioned bucket has none). {VersionHint}"),
            _ => Translate(failure, target),
        };
    }

    /// <summary>Runs one S3 call on one object (and version) and translates its failure; cancellation passes through untouched.</summary>
    public static async Task<T> RunAsync<T>(S3Uri location, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception failure) when (IsS3Failure(failure))
        {
            throw Translate(failure, location);
        }
    }

    /// <summary>Runs one S3 call and translates its failure; cancellation passes through untouched.</summary>
    public static async Task<T> RunAsync<T>(string target, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception failure) when (IsS3Failure(failure))
        {
            throw Translate(failure, target);
        }
    }

    /// <summary>Failures of an S3 call, including a request the access layer refused to send.</summary>
    public static bool IsS3Failure(Exception failure) =>
        failure is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or S3RequestRefusedException or S3TimeoutException;

    public static bool IsNotFound(Exception failure) =>
        failure is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound };

    private static S3AccessException NoSuchVersion(string target, string code) =>
        new($"{target} does not exist: S3 has no such version of the object ({code}). {VersionHint}");

    private static string Code(AmazonServiceException failure) =>
        string.IsNullOrEmpty(failure.ErrorCode) ? failure.StatusCode.ToString() : failure.ErrorCode;
}
