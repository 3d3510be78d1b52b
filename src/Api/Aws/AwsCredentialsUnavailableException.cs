using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// A tool could not get AWS credentials. An <see cref="McpException"/>, so the MCP SDK shows its message to the
/// caller as the tool error; the message names the role and the AWS error code, never a secret.
/// </summary>
public sealed class AwsCredentialsUnavailableException : McpException
{
    public AwsCredentialsUnavailableException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The AWS error code (<c>AccessDenied</c>…), or <c>NoRoleSelected</c>.</summary>
    public string ErrorCode { get; }

    public const string NoRoleSelected = "NoRoleSelected";
}
