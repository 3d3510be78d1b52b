namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// S3 did not answer in time: no answer within the call's limit, every attempt timed out, or a body stopped arriving.
/// <see cref="Reason"/> says which, in words for the caller; <see cref="S3Errors"/> names the object.
/// </summary>
public sealed class S3TimeoutException : Exception
{
    public S3TimeoutException(string reason, Exception? innerException = null)
        : base($"S3 did not answer in time: {reason}.", innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
