namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>How principal grains keep assumed-role credentials fresh (bound from the <c>Aws</c> section).</summary>
public sealed class CredentialCacheOptions
{
    public const string SectionName = "Aws";

    /// <summary>Refresh this long before the credentials expire, in the background, while still serving them.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a failed STS call, callers get the same failure (or the still-valid cached credentials) for this long
    /// before STS is tried again, so an STS outage is not multiplied by the request rate.
    /// </summary>
    public TimeSpan RetryFailedAfter { get; set; } = TimeSpan.FromSeconds(10);
}
