namespace QuiltMcp.Orleans.Clustering.Tests.Cluster;

/// <summary>A grain that says where it runs and keeps a durable count, to show state survives re-activation elsewhere.</summary>
public interface ILocatedCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<string> GetSiloAsync();
}
