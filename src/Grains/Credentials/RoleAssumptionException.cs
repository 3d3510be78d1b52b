namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>A role could not be assumed. The message never contains credentials.</summary>
public sealed class RoleAssumptionException : Exception
{
    public RoleAssumptionException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The AWS error code (<c>AccessDenied</c>, <c>ExpiredToken</c>…) or a local one such as <c>StsUnreachable</c>.</summary>
    public string ErrorCode { get; }
}
