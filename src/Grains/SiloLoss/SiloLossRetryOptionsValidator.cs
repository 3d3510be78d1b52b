using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Grains.SiloLoss;

public sealed class SiloLossRetryOptionsValidator : IValidateOptions<SiloLossRetryOptions>
{
    /// <summary>A call held longer than this would outlive any client's patience and every load balancer's idle timeout.</summary>
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromMinutes(2);

    public ValidateOptionsResult Validate(string? name, SiloLossRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Deadline < TimeSpan.Zero || options.Deadline > LongestDeadline)
        {
            failures.Add($"{SiloLossRetryOptions.SectionName}:Deadline must be from 00:00:00 (no retry) to {LongestDeadline:c}.");
        }

        if (options.FirstDelay <= TimeSpan.Zero)
        {
            failures.Add($"{SiloLossRetryOptions.SectionName}:FirstDelay must be positive.");
        }

        if (options.MaxDelay < options.FirstDelay)
        {
            failures.Add($"{SiloLossRetryOptions.SectionName}:MaxDelay must not be shorter than FirstDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
