using QuiltMcp.Orleans.Silo.Storage;

namespace QuiltMcp.Orleans.Clustering.Tests.Cluster;

public sealed class LocatedCounterGrain(
    [PersistentState("counter", GrainStorageNames.McpSessions)] IPersistentState<CounterState> counter) : Grain, ILocatedCounterGrain
{
    public async Task<int> IncrementAsync()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);
}
