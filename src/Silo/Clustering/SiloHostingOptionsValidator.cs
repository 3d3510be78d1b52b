using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Silo.Clustering;

public sealed class SiloHostingOptionsValidator : IValidateOptions<SiloHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostingOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Clustering, ClusteringModes.Localhost, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Clustering, ClusteringModes.DynamoDb, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Cluster:Clustering '{options.Clustering}' is not supported; use '{ClusteringModes.Localhost}' or '{ClusteringModes.DynamoDb}'.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Cluster:SiloPort {options.SiloPort} is outside 1-65535.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Cluster:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Cluster:ServiceId must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
