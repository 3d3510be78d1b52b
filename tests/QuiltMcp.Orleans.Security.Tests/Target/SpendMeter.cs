using QuiltMcp.Orleans.S3Tools.Tests.S3rver;
using QuiltMcp.Orleans.S3Tools.Tests.Support;
using QuiltMcp.Orleans.Testing.Oidc;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// What the server has asked of the outside world so far: STS role assumptions, S3 requests (s3rver's own log, so
/// reads and writes alike), catalog queries, and requests to the attacker's issuer. A refusal must leave all unchanged.
/// </summary>
public sealed record SpendMeter(int StsCalls, int S3Requests, int CatalogQueries, int BaitRequests)
{
    public static async Task<SpendMeter> ReadAsync(S3rverServer s3, StsStub sts, CatalogStub catalog, OidcIssuerServer bait)
    {
        await s3.SyncLogAsync();
        return new SpendMeter(sts.AssumedRoles.Count, s3.Requests.Count, catalog.Tokens.Count, bait.AllRequests);
    }
}
