namespace QuiltMcp.Orleans.Grains.SiloLoss;

/// <summary>
/// How <see cref="SiloLossRetryFilter"/> retries a <see cref="RetryOnSiloLossAttribute"/> call whose silo was lost
/// (bound from <c>Cluster:SiloLossRetry</c> by the server).
/// </summary>
public sealed class SiloLossRetryOptions
{
    public const string SectionName = "Cluster:SiloLossRetry";

    /// <summary>
    /// No attempt starts later than this after the first; then the last failure is the call's result (an attempt already
    /// sent runs to its own end, at most Orleans' response timeout). It must outlast the cluster's failure detection
    /// (about <c>Cluster:Membership:ProbeTimeout</c> × <c>NumMissedProbesLimit</c>, 15 s with Orleans' defaults): until
    /// a lost silo is declared dead, its grains cannot be placed elsewhere. The default equals Orleans' response
    /// timeout, the longest a grain call waits anyway. Zero turns retries off.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before the second attempt; each further pause doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
