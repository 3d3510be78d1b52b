using Amazon;
using Amazon.Runtime;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>What a tool builds its AWS clients from for the current request.</summary>
/// <param name="Credentials">Credentials for the SDK client constructor. Never log, return or store them.</param>
/// <param name="Region">The region to call.</param>
/// <param name="RoleArn">The assumed role, or null when the default credential chain is used (desktop only).</param>
/// <param name="Source">Where the credentials come from (see <see cref="AwsCredentialSources"/>).</param>
/// <param name="Expiration">When assumed-role credentials expire; null for the default chain.</param>
/// <param name="AssumedRoleUserArn">The STS assumed-role user, for display; null for the default chain.</param>
public sealed record AwsAccess(
    AWSCredentials Credentials,
    RegionEndpoint Region,
    string? RoleArn,
    string Source,
    DateTimeOffset? Expiration,
    string? AssumedRoleUserArn)
{
    /// <summary>The credentials never appear in diagnostics output.</summary>
    public override string ToString() =>
        $"AwsAccess {{ Region = {Region.SystemName}, RoleArn = {RoleArn ?? "<none>"}, Source = {Source}, Expiration = {Expiration?.ToString("O") ?? "<none>"}, credentials redacted }}";
}
