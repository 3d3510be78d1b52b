namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// What the server has asked of the outside world so far: STS role assumptions, S3 requests (as the recording proxy in
/// front of s3rver saw them, so reads and writes alike), catalog requests, and requests to the attacker's issuer. A
/// refusal must leave all unchanged.
/// </summary>
public sealed record SpendMeter(int StsCalls, int S3Requests, int CatalogQueries, int BaitRequests)
{
    public static SpendMeter Read(S3rverServer s3, FakeSts sts, FakeCatalog catalog, OidcIssuerServer bait) =>
        new(sts.Calls.Count, s3.Requests.Count, catalog.Requests, bait.AllRequests);
}
