using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// The caller's way into each MCP request: the bare AsyncLocal push and restore, and the push as the caller filter
/// makes it for a stdio request (the desktop caller with this request's id).
/// </summary>
[MemoryDiagnoser]
public class RuntimeContextBenchmarks
{
    private readonly Caller _caller = new()
    {
        Environment = RuntimeEnvironments.WebJwt,
        PrincipalId = "jwt|quilt-frontend|bench-user",
        Grain = null!,
        Credential = new CallerCredential(CallerCredential.JwtScheme, "token", null, null, ImmutableDictionary<string, object?>.Empty),
        Request = new RequestOrigin("http", "0HN7BENCH:00000001"),
    };

    [Benchmark(Baseline = true)]
    public string PushDispose()
    {
        using var scope = RuntimeContext.Push(_caller);
        return RuntimeContext.Current!.Environment;
    }

    [Benchmark]
    public string PushWithRequestOrigin()
    {
        using var scope = RuntimeContext.Push(_caller with { Request = RequestOrigin.FromStdio("42") });
        return RuntimeContext.Current!.Environment;
    }
}
