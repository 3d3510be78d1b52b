using System.Collections.Concurrent;
using System.Reflection;

namespace QuiltMcp.Orleans.Api.Tests.Support;

/// <summary>
/// An <see cref="IGrainFactory"/> that hands out the grains a test registered, by interface and string key, and refuses
/// every other request, so a test fails loudly if the code under test reaches for any other grain.
/// </summary>
internal class TestGrainFactory : DispatchProxy
{
    private readonly ConcurrentDictionary<Type, Func<string, object>> _grains = new();

    public static TestGrainFactory Create() => (TestGrainFactory)(object)Create<IGrainFactory, TestGrainFactory>();

    public IGrainFactory Factory => (IGrainFactory)(object)this;

    public TestGrainFactory Register<TGrain>(Func<string, TGrain> grainForKey)
        where TGrain : IGrainWithStringKey
    {
        _grains[typeof(TGrain)] = key => grainForKey(key)!;
        return this;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }
            && _grains.TryGetValue(targetMethod.GetGenericArguments()[0], out var grainForKey)
            && args is [string key, ..])
        {
            return grainForKey(key);
        }

        throw new NotSupportedException($"The test did not expect {targetMethod?.Name} {string.Join(",", targetMethod?.GetGenericArguments().Select(t => t.Name) ?? [])}.");
    }
}
