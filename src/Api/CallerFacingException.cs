namespace QuiltMcp.Orleans.Api;

/// <summary>
/// A failure whose message is written for the caller: it says what went wrong and what to change, and carries no
/// token, credential or secret. Each capability raises its own kind (S3, quilt3 packages, AWS credentials, the catalog,
/// access decisions); the tools' error filter shows the message as the tool's error result, and nothing below the
/// tools knows about the MCP protocol.
/// </summary>
public abstract class CallerFacingException : Exception
{
    protected CallerFacingException(string message)
        : base(message)
    {
    }

    protected CallerFacingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
