namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>Records a caller's claims with the principal's grain before the grain is first asked anything.</summary>
public interface IClaimsRecorder
{
    /// <summary>Completes once the grain holds the claims; cheap (no grain call) after the first success.</summary>
    ValueTask RecordClaimsAsync(CancellationToken cancellationToken);
}
