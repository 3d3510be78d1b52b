using System.Collections.Concurrent;
using QuiltMcp.Orleans.Grains.Credentials;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Identity.Bearer;

/// <summary>A principal grain that only records who identified; the authentication handler needs nothing else.</summary>
internal sealed class RecordingPrincipalGrain : IPrincipalGrain
{
    public ConcurrentQueue<PrincipalClaims> Identified { get; } = new();

    /// <summary>Makes the next IdentifyAsync fail as a call to a lost silo would.</summary>
    public bool FailNextIdentify { get; set; }

    public Task<PrincipalSnapshot> IdentifyAsync(PrincipalClaims claims)
    {
        if (FailNextIdentify)
        {
            FailNextIdentify = false;
            return Task.FromException<PrincipalSnapshot>(new SiloUnavailableException("the silo holding the grain was lost"));
        }

        Identified.Enqueue(claims);
        return Task.FromResult<PrincipalSnapshot>(null!);
    }

    public Task<PrincipalSnapshot> GetSnapshotAsync() => throw new NotSupportedException();

    public Task<RoleCredentialsResult> GetRoleCredentialsAsync(RoleSessionRequest request) => throw new NotSupportedException();

    public Task<DateTimeOffset?> GetCachedCredentialsExpiryAsync(string roleArn) => throw new NotSupportedException();
}
