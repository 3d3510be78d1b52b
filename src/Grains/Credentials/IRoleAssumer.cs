namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>
/// Assumes an IAM role. The grain only decides when; the host supplies how (STS with the task's own credentials),
/// which keeps the grain free of AWS SDK types and lets tests count calls.
/// </summary>
public interface IRoleAssumer
{
    /// <exception cref="RoleAssumptionException">STS refused or could not be reached; carries the AWS error code.</exception>
    Task<RoleCredentials> AssumeRoleAsync(RoleSessionRequest request, CancellationToken cancellationToken);
}
