using BenchmarkDotNet.Attributes;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// Request-context push and restore: the bare AsyncLocal swap, and the push as RuntimeContextMiddleware makes it
/// for every HTTP request (request id and transport metadata, copied into an immutable dictionary).
/// </summary>
[MemoryDiagnoser]
public class RuntimeContextBenchmarks
{
    private readonly RuntimeAuthState _auth = RuntimeAuthState.Create("jwt");

    [Benchmark(Baseline = true)]
    public string PushDispose()
    {
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebJwt, _auth);
        return RuntimeContext.Current.Environment;
    }

    [Benchmark]
    public string PushWithRequestMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [RuntimeMetadataKeys.RequestId] = "0HN7BENCH:00000001",
            [RuntimeMetadataKeys.Transport] = "http",
        };
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated, metadata: metadata);
        RuntimeContext.SetAuth(_auth);
        RuntimeContext.SetEnvironment(RuntimeEnvironments.WebJwt);
        return RuntimeContext.Current.Environment;
    }
}
