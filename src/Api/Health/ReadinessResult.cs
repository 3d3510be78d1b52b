namespace QuiltMcp.Orleans.Api.Health;

/// <param name="IsReady">Whether the server should receive traffic.</param>
/// <param name="Detail">Why not, or which silo answered the probe.</param>
public sealed record ReadinessResult(bool IsReady, string Detail)
{
    public static ReadinessResult Ready(string silo) => new(true, silo);

    public static ReadinessResult NotReady(string reason) => new(false, reason);
}
