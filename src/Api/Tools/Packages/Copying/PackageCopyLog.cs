namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>Log events of copy-mode package writes. Arguments are buckets, keys and exception types, never credentials.</summary>
internal static partial class PackageCopyLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "A multipart copy to s3://{Bucket}/{Key} could not be aborted ({ExceptionType}); its parts stay until the bucket's lifecycle rule removes them")]
    public static partial void AbortFailed(this ILogger logger, string bucket, string key, string exceptionType);
}
