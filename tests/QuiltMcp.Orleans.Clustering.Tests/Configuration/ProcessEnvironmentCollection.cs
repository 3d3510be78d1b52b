namespace QuiltMcp.Orleans.Clustering.Tests.Configuration;

/// <summary>Tests that set process environment variables run alone, so no parallel test sees them half-set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
