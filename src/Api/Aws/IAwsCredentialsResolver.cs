namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// How tools get AWS access for the request they serve. Tools never build credentials themselves: this reads the
/// runtime context (principal, environment, role) and asks the principal's grain, which caches credentials
/// cluster-wide. Call it in the tool, inside the request: it depends on the ambient runtime context.
/// </summary>
public interface IAwsCredentialsResolver
{
    /// <summary>Credentials, region and role for the current request.</summary>
    /// <exception cref="AwsCredentialsUnavailableException">
    /// No credentials can be had: no role for a web caller, or STS failed and nothing valid is cached. The message
    /// names the AWS error code and is safe to show to the caller (an MCP tool error).
    /// </exception>
    Task<AwsAccess> ResolveAsync(CancellationToken cancellationToken);
}
