namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// A tool could not get AWS credentials. The message names the role and the AWS error code, never a secret; the
/// tools' error filter shows it to the caller as the tool error.
/// </summary>
public sealed class AwsCredentialsUnavailableException : CallerFacingException
{
    public AwsCredentialsUnavailableException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The AWS error code (<c>AccessDenied</c>…), or <c>NoRoleSelected</c>, <c>NotAuthenticated</c>.</summary>
    public string ErrorCode { get; }

    public const string NoRoleSelected = "NoRoleSelected";

    /// <summary>An anonymous caller asked for AWS access, which only callers with an identity get.</summary>
    public const string NotAuthenticated = "NotAuthenticated";
}
