namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// How tools get AWS access for the caller they serve. Tools never build credentials themselves: this takes the
/// caller (principal grain, environment, role) and asks the principal's grain, which caches credentials
/// cluster-wide.
/// </summary>
public interface IAwsCredentialsResolver
{
    /// <summary>Credentials, region and role for the caller's request.</summary>
    /// <exception cref="AwsCredentialsUnavailableException">
    /// No credentials can be had: no role for a web caller, or STS failed and nothing valid is cached. The message
    /// names the AWS error code and is safe to show to the caller (an MCP tool error).
    /// </exception>
    Task<AwsAccess> ResolveAsync(Identity.Caller caller, CancellationToken cancellationToken);
}
