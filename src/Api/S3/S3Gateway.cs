using Amazon.S3;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The one way data tools reach S3: every bucket and action is checked against the caller's grants first, and
/// only then are credentials resolved and a client built, so a refused call never costs an STS or S3 request. The
/// client can address only the buckets that were checked.
/// </summary>
public sealed class S3Gateway(BucketAccessPolicy policy, IAwsCredentialsResolver credentials, S3ClientFactory clients)
{
    /// <summary>Throws a tool error naming the reason unless every (bucket, action) pair is allowed.</summary>
    public void Authorize(Caller caller, string tool, IEnumerable<(string Bucket, string Action)> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        foreach (var (bucket, action) in grants.Distinct())
        {
            policy.EnsureAllowed(caller, tool, bucket, action);
        }
    }

    /// <summary>Checks the grants, then opens a client on the caller's own credentials.</summary>
    public async Task<IAmazonS3> OpenAsync(
        Caller caller, string tool, IEnumerable<(string Bucket, string Action)> grants, CancellationToken cancellationToken) =>
        (await OpenWithAccessAsync(caller, tool, grants, cancellationToken)).Client;

    /// <summary>As <see cref="OpenAsync(Caller, string, IEnumerable{ValueTuple{string, string}}, CancellationToken)"/>, also
    /// returning the credentials, for tools whose answer depends on when they expire (presigned links).</summary>
    public async Task<(IAmazonS3 Client, AwsAccess Access)> OpenWithAccessAsync(
        Caller caller, string tool, IEnumerable<(string Bucket, string Action)> grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var checkedGrants = grants.ToArray();
        Authorize(caller, tool, checkedGrants);
        var access = await credentials.ResolveAsync(caller, cancellationToken);
        return (clients.Create(access, S3ClientScope.ForBuckets(checkedGrants.Select(grant => grant.Bucket))), access);
    }

    public Task<IAmazonS3> OpenAsync(Caller caller, string tool, string bucket, string action, CancellationToken cancellationToken) =>
        OpenAsync(caller, tool, [(bucket, action)], cancellationToken);

    /// <summary>
    /// Credentials only, with no grant check: bucket listing on a desktop, where AWS itself is the check. The client
    /// can list the account's buckets and address none of them.
    /// </summary>
    public async Task<IAmazonS3> OpenUncheckedAsync(Caller caller, CancellationToken cancellationToken) =>
        clients.Create(await credentials.ResolveAsync(caller, cancellationToken), S3ClientScope.BucketListOnly);
}
