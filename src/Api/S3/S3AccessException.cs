namespace QuiltMcp.Orleans.Api.S3;

/// <summary>An S3 request failed or its answer is unusable (missing object, denied, too large, unreachable).</summary>
public sealed class S3AccessException : CallerFacingException
{
    public S3AccessException(string message)
        : base(message)
    {
    }

    public S3AccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
