namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// Clusters of real processes under continuous load, killed or restarted: run alone, so the recovery they measure is
/// the cluster's and not two cores shared with other tests' servers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverUnderLoadCollection
{
    public const string Name = "failover under load";

    /// <summary>Users of the load; every user has one principal grain, spread over the processes.</summary>
    public const int Users = 4;

    /// <summary>Long-lived sessions per user: 12 sessions in all, each calling without pause.</summary>
    public const int SessionsPerUser = 3;

    /// <summary>
    /// What every process of these clusters gets: the rate limit out of the way (one user's sessions make far more than
    /// its 1200 calls a minute) and Information from the server's own categories, whose events the tests count.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["Http__PermitsPerMinute"] = "100000000",
        ["Logging__LogLevel__QuiltMcp"] = "Information",
    };
}
